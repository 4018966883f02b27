using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Testing;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Questions and quizzes written through ContentManager (as the studio and importer do), and direct reads of the attempt tables.</summary>
public sealed class QuizWorld(PortalFactory factory)
{
    public static string Suffix() => Guid.NewGuid().ToString("N")[..10];

    public async Task<ContentItem> QuestionAsync(QuestionPart part, string stem, string? title = null, string[]? tags = null)
    {
        var suffix = Suffix();
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New(QuizzesModule.QuestionType, "q-test-" + suffix);
        item.Culture = "en";
        item.Apply(new TitlePart { Title = title ?? $"Question {suffix}" });
        item.Apply(new RoutePart { Slug = "q-test-" + suffix });
        item.Apply(new MarkdownBodyPart { Markdown = stem });
        item.Apply(new TagsPart { Tags = [.. tags ?? ["iron-triangle"]] });
        item.Apply(new OwnershipPart { Owner = "content-team" });
        if (string.IsNullOrEmpty(part.Explanation)) part.Explanation = "Because the **playbook** says so.";
        item.Apply(part);
        return await manager.CreateAsync(item, "tests", publish: true);
    }

    /// <summary>One question of every kind: single (right: index 1), multiple (right: 0 and 2), true/false (true), ordering, short ("CRM").</summary>
    public async Task<ContentItem[]> FiveKindsAsync() =>
    [
        await QuestionAsync(new QuestionPart { Kind = QuestionKinds.Single, Choices = [new() { Text = "The account manager alone" }, new() { Text = "The iron triangle together", Correct = true }, new() { Text = "Delivery after signing" }] },
            "Who owns the customer's solution in the iron triangle?"),
        await QuestionAsync(new QuestionPart { Kind = QuestionKinds.Multiple, Choices = [new() { Text = "Shared CRM records", Correct = true }, new() { Text = "Separate spreadsheets" }, new() { Text = "A weekly deal review", Correct = true }, new() { Text = "Email only" }] },
            "Which habits break information silos?"),
        await QuestionAsync(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true }, "The delivery manager joins before the contract is signed."),
        await QuestionAsync(new QuestionPart { Kind = QuestionKinds.Ordering, Items = ["Discover", "Qualify", "Propose", "Close"] }, "Put the stages in order."),
        await QuestionAsync(new QuestionPart { Kind = QuestionKinds.Short, Accepted = ["CRM", "customer relationship management"] }, "Where does the team keep shared customer records?"),
    ];

    public async Task<ContentItem> QuizAsync(IEnumerable<ContentItem> questions, Action<QuizPart>? configure = null, string? culture = "en")
    {
        var suffix = Suffix();
        var part = new QuizPart { Questions = questions.Select(q => q.ContentItemId).ToList(), PassMark = 60 };
        configure?.Invoke(part);
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var item = manager.New(QuizzesModule.QuizType, "quiz-test-" + suffix);
        item.Culture = culture!;
        item.Apply(new TitlePart { Title = $"Quiz {suffix}" });
        item.Apply(new RoutePart { Slug = "quiz-test-" + suffix });
        item.Apply(new MarkdownBodyPart { Markdown = "Check the **basics**." });
        item.Apply(new TagsPart { Tags = ["iron-triangle"] });
        item.Apply(new OwnershipPart { Owner = "content-team" });
        item.Apply(part);
        return await manager.CreateAsync(item, "tests", publish: true);
    }

    /// <summary>Publishes a new version of an item with <paramref name="edit"/> applied to its own part.</summary>
    public async Task<ContentItem> EditAsync<TPart>(ContentItem item, Action<TPart> edit) where TPart : class, IContentPart, new()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<ContentManager>();
        var latest = (await manager.GetAsync(item.ContentItemId, VersionOptions.Latest))!;
        var next = latest.CloneForEdit();
        var part = next.As<TPart>();
        edit(part);
        next.Apply(part);
        return await manager.SaveAndPublishAsync(next, latest.ContentItemVersionId, "tests");
    }

    public async Task<T> DbAsync<T>(Func<QuizzesDbContext, Task<T>> query)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<QuizzesDbContext>());
    }

    public Task<QuizAttempt> AttemptAsync(long id) =>
        DbAsync(db => db.Attempts.AsNoTracking().Include(a => a.Questions.OrderBy(q => q.Slot)).SingleAsync(a => a.Id == id));

    /// <summary>The id this attempt gives the question's option (or ordering item) at authoring index <paramref name="index"/>.</summary>
    public static string OptionId(QuizAttempt attempt, ContentItem question, int index) =>
        AttemptOptions.Of(attempt.Questions.Single(q => q.QuestionItemId == question.ContentItemId)).IdOf(index);

    /// <summary>Where each right answer sits: the slot of each question id in the attempt.</summary>
    public static int SlotOf(QuizAttempt attempt, ContentItem question) => attempt.Questions.Single(q => q.QuestionItemId == question.ContentItemId).Slot;
}
