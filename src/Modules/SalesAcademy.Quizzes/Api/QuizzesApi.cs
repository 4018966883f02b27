using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Api;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Api;

/// <summary>
/// <c>/api/v1/quizzes</c> (published quizzes) and <c>/api/v1/attempts</c>: start, read, save one answer with the
/// attempt's sequence number, submit (idempotent), result. The same engine as the pages.
/// </summary>
public static class QuizzesApi
{
    public static void MapQuizzesApiV1(this IEndpointRouteBuilder endpoints)
    {
        var quizzes = endpoints.MapPortalApi("/quizzes", "Quizzes");
        quizzes.MapGet("", ListQuizzesAsync).WithName("ListQuizzes").WithSummary("Published quizzes with their rules").Produces<ApiPage<QuizSummary>>();
        quizzes.MapGet("/{id}", GetQuizAsync).WithName("GetQuiz").WithSummary("A published quiz, with the caller's attempts at it")
            .Produces<QuizDetail>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);

        var attempts = endpoints.MapPortalApi("/attempts", "Attempts");
        attempts.MapGet("", ListAttemptsAsync).WithName("ListAttempts").WithSummary("The caller's attempts, newest first (quizId narrows to one quiz)")
            .Produces<ApiPage<AttemptSummary>>();
        attempts.MapPost("", StartAsync).WithName("StartAttempt")
            .WithSummary("Starts an attempt (201), or returns the caller's attempt in progress at that quiz (200)")
            .WithDescription("Needs quizzes.take. 409 when the quiz is not open, closed, or every allowed attempt is used.")
            .Produces<AttemptDetail>(StatusCodes.Status201Created).Produces<AttemptDetail>()
            .Produces<ProblemDetails>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        attempts.MapGet("/{id}", GetAttemptAsync).WithName("GetAttempt")
            .WithSummary("The caller's attempt: state, sequence, deadline, questions in the order shown, saved answers")
            .Produces<AttemptDetail>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        attempts.MapPut("/{id}/answers/{slot}", SaveAnswerAsync).WithName("SaveAnswer")
            .WithSummary("Saves one answer (null clears it); the body carries the attempt's current sequence")
            .WithDescription("200 with the new sequence. 409 when the sequence is stale (another tab saved since; the body says the "
                + "current one) or the attempt is finished; 422 when the answer does not fit the question.")
            .Produces<SaveAnswerResult>()
            .Produces<StaleProblem>(StatusCodes.Status409Conflict, PortalApi.ProblemContentType)
            .Produces<HttpValidationProblemDetails>(StatusCodes.Status422UnprocessableEntity, PortalApi.ProblemContentType)
            .Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        attempts.MapPost("/{id}/submit", SubmitAsync).WithName("SubmitAttempt")
            .WithSummary("Submits and grades the attempt; submitting again returns the same result")
            .Produces<AttemptResult>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
        attempts.MapGet("/{id}/result", ResultAsync).WithName("GetAttemptResult")
            .WithSummary("A finished attempt's score; right answers and explanations once the quiz's feedback is due")
            .WithDescription("For the taker, the leads of the taker's teams (quizzes.results.team) and quizzes.manage; anyone else gets 404.")
            .Produces<AttemptResult>().Produces<ProblemDetails>(StatusCodes.Status404NotFound, PortalApi.ProblemContentType);
    }

    private static string Me(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";

    private static async Task<IResult> ListQuizzesAsync(int? page, int? pageSize, PublishedContent published, ContentDefinitions definitions)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        var quizzes = await published.ListAsync(QuizzesModule.QuizType);
        return Results.Ok(quizzes.Select(q => Summary(q, definitions)).ToPage(page, pageSize));
    }

    private static async Task<IResult> GetQuizAsync(string id, ClaimsPrincipal user, PublishedContent published, ContentDefinitions definitions,
        QuizAttempts attempts, CancellationToken ct)
    {
        if (await published.ByIdAsync(id) is not { ContentType: QuizzesModule.QuizType } quiz) return ApiResults.NotFound();
        var mine = await attempts.ListOwnAsync(Me(user), id, ct);
        return Results.Ok(new QuizDetail(Summary(quiz, definitions), quiz.As<MarkdownBodyPart>().Markdown, mine.Select(AttemptSummary.From).ToList()));
    }

    private static async Task<IResult> ListAttemptsAsync(string? quizId, int? page, int? pageSize, ClaimsPrincipal user, QuizAttempts attempts, CancellationToken ct)
    {
        var errors = ApiPaging.Check(page, pageSize);
        if (errors.Count > 0) return ApiResults.BadQuery(errors);
        return Results.Ok((await attempts.ListOwnAsync(Me(user), quizId, ct)).Select(AttemptSummary.From).ToPage(page, pageSize));
    }

    private static async Task<IResult> StartAsync(StartAttemptRequest request, ClaimsPrincipal user, QuizAttempts attempts, AttemptViews views, CancellationToken ct)
    {
        if (!await views.HasAsync(user, QuizPermissions.Take)) return ApiResults.NotFound();
        if (string.IsNullOrWhiteSpace(request.QuizId)) return ApiResults.Invalid([new("quizId", "is required")]);
        var started = await attempts.StartAsync(request.QuizId, new Taker(Me(user), user.UserName()), ct);
        if (started.Attempt is not { } attempt)
            return started.Refusal == "This quiz is not published." ? ApiResults.NotFound() : ApiResults.Problem(StatusCodes.Status409Conflict, started.Refusal!);
        // A new attempt holds its slots already; a resumed one is read with them.
        var detail = Detail(await views.BuildAsync(started.Resumed ? (await attempts.GetAsync(attempt.Id, ct))! : attempt, ct));
        return started.Resumed ? Results.Ok(detail) : Results.Created($"/api/v1/attempts/{attempt.Id}", detail);
    }

    private static async Task<IResult> GetAttemptAsync(long id, ClaimsPrincipal user, QuizAttempts attempts, AttemptViews views, CancellationToken ct) =>
        await attempts.GetOwnAsync(id, Me(user), ct) is { } attempt ? Results.Ok(Detail(await views.BuildAsync(attempt, ct))) : ApiResults.NotFound();

    private static async Task<IResult> SaveAnswerAsync(long id, int slot, SaveAnswerRequest request, ClaimsPrincipal user, QuizAttempts attempts, CancellationToken ct)
    {
        if (request.Sequence is not { } sequence) return ApiResults.Invalid([new("sequence", "is required: the attempt's current sequence")]);
        var result = await attempts.SaveAsync(id, Me(user), sequence, new Dictionary<int, AttemptAnswer?> { [slot] = request.Response }, ct);
        return result.Status switch
        {
            SaveStatus.Saved => Results.Ok(new SaveAnswerResult(result.Sequence)),
            SaveStatus.NotFound => ApiResults.NotFound(),
            SaveStatus.Invalid => ApiResults.Invalid([new($"response", result.Message!)]),
            SaveStatus.Stale => ApiResults.Problem(new StaleProblem
            {
                Status = StatusCodes.Status409Conflict, Title = "The sequence is stale: the attempt was saved since.", CurrentSequence = result.Sequence,
            }),
            _ => ApiResults.Problem(StatusCodes.Status409Conflict, "The attempt is finished.", result.Message),
        };
    }

    private static async Task<IResult> SubmitAsync(long id, ClaimsPrincipal user, QuizAttempts attempts, AttemptViews views, CancellationToken ct) =>
        await attempts.SubmitAsync(id, Me(user), ct) is { } attempt ? Results.Ok(Result(await views.BuildAsync(attempt, ct))) : ApiResults.NotFound();

    private static async Task<IResult> ResultAsync(long id, ClaimsPrincipal user, QuizAttempts attempts, AttemptViews views, CancellationToken ct)
    {
        var attempt = await attempts.GetAsync(id, ct);
        if (attempt is null || !await views.MaySeeAsync(user, attempt)) return ApiResults.NotFound();
        return Results.Ok(Result(await views.BuildAsync(await attempts.CurrentAsync(attempt, ct), ct)));
    }

    private static QuizSummary Summary(ContentItem quiz, ContentDefinitions definitions)
    {
        var q = quiz.As<QuizPart>();
        return new QuizSummary(quiz.ContentItemId, quiz.DisplayText, quiz.Culture, definitions.UrlFor(quiz), q.Draw?.Count ?? q.Questions.Count,
            q.Draw is not null, q.TimeLimitMinutes, q.PassMark, q.AttemptsAllowed, q.Feedback, q.OpensUtc, q.ClosesUtc, quiz.As<TagsPart>().Tags);
    }

    private static AttemptDetail Detail(AttemptView view) => new(
        AttemptSummary.From(view.Attempt), view.Attempt.Sequence, view.Attempt.DeadlineUtc,
        view.Slots.Select(s => new AttemptQuestionView(s.Slot.Slot, s.Question.ContentItemId, s.Part.Kind, s.Stem, s.Slot.Points,
            s.Options.Ids.Length == 0 ? null : s.Shown.Select(o => new OptionView(o.Id, o.Text)).ToList(), s.Answer)).ToList());

    /// <summary>Per-question results (right or wrong, the key, the explanation) only once feedback is due; the score always.</summary>
    private static AttemptResult Result(AttemptView view) => new(
        AttemptSummary.From(view.Attempt), view.ShowAnswers,
        view.Slots.Select(s => new SlotResult(s.Slot.Slot, s.Question.ContentItemId, s.Slot.Points,
            view.ShowAnswers ? s.Slot.Fraction : null, view.ShowAnswers ? s.Slot.NeedsManualGrading : null, s.Answer,
            view.ShowAnswers ? s.Part.Explanation : null, view.ShowAnswers ? RightAnswer(s) : null)).ToList());

    /// <summary>The right answer in the answer's own shape, in the attempt's option ids (short answers: the accepted list).</summary>
    private static RightAnswerView RightAnswer(SlotView s)
    {
        var q = s.Part;
        return q.Kind switch
        {
            QuestionKinds.Single => new(Choice: s.Options.IdOf(q.Choices.FindIndex(c => c.Correct))),
            QuestionKinds.Multiple => new(Choices: s.Shown.Where(o => q.Choices[o.Index].Correct).Select(o => o.Id).ToList()),
            QuestionKinds.TrueFalse => new(Value: q.Answer),
            QuestionKinds.Ordering => new(Order: Enumerable.Range(0, q.Items.Count).Select(s.Options.IdOf).ToList()),
            _ => new(Accepted: q.Accepted),
        };
    }
}

public sealed record QuizSummary(string Id, string Title, string Culture, string Url, int QuestionCount, bool RandomDraw, int? TimeLimitMinutes,
    double PassMark, int AttemptsAllowed, string Feedback, DateTime? OpensUtc, DateTime? ClosesUtc, IReadOnlyList<string> Tags);

public sealed record QuizDetail(QuizSummary Quiz, string Description, IReadOnlyList<AttemptSummary> MyAttempts);

public sealed record AttemptSummary(long Id, string QuizId, string QuizVersionId, int Number, string State, DateTime StartedUtc, DateTime? FinishedUtc,
    double? Score, double MaxScore, double? Percent, bool? Passed, int PendingManual)
{
    public static AttemptSummary From(QuizAttempt a) => new(a.Id, a.QuizItemId, a.QuizVersionId, a.Number, StateName(a.State), a.StartedUtc, a.FinishedUtc,
        a.Score, a.MaxScore, a.Score is null ? null : QuizAttempts.Percent(a), a.Passed, a.PendingManual);

    public static string StateName(AttemptState state) => state switch
    {
        AttemptState.InProgress => "inProgress",
        AttemptState.Submitted => "submitted",
        AttemptState.Overdue => "overdue",
        _ => "abandoned",
    };
}

public sealed record StartAttemptRequest(string? QuizId);

/// <summary>The answer names options by the ids the attempt gave them (<see cref="OptionView.Id"/>); fields its kind does not use are refused.</summary>
public sealed record SaveAnswerRequest(int? Sequence, AttemptAnswer? Response);

public sealed record SaveAnswerResult(int Sequence);

/// <summary>409: the answer was based on an older sequence; <c>currentSequence</c> is the attempt's current one.</summary>
public sealed class StaleProblem : ProblemDetails
{
    public required int CurrentSequence { get; init; }
}

/// <summary>An option (or ordering item) as shown in this attempt: an id random per attempt, which says nothing about the key.</summary>
public sealed record OptionView(string Id, string Text);

public sealed record AttemptQuestionView(int Slot, string QuestionId, string Kind, string Stem, double Points, IReadOnlyList<OptionView>? Options,
    AttemptAnswer? Response);

public sealed record AttemptDetail(AttemptSummary Attempt, int Sequence, DateTime? DeadlineUtc, IReadOnlyList<AttemptQuestionView> Questions);

public sealed record RightAnswerView(string? Choice = null, IReadOnlyList<string>? Choices = null, bool? Value = null, IReadOnlyList<string>? Order = null,
    IReadOnlyList<string>? Accepted = null);

/// <summary>Fraction, awaitingGrading, explanation and rightAnswer are null until the quiz's feedback is due (showsAnswers).</summary>
public sealed record SlotResult(int Slot, string QuestionId, double Points, double? Fraction, bool? AwaitingGrading, AttemptAnswer? Response,
    string? Explanation, RightAnswerView? RightAnswer);

public sealed record AttemptResult(AttemptSummary Attempt, bool ShowsAnswers, IReadOnlyList<SlotResult> Questions);
