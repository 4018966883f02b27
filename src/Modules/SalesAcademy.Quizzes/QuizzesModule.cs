using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SalesAcademy.Quizzes.Api;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SalesAcademy.Content;
using SalesAcademy.Content.Models;
using SalesAcademy.Core.Data;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Modules;
using SalesAcademy.Core.Security;
using SalesAcademy.Quizzes.Data;
using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Rounds;
using SalesAcademy.Core.Notifications;
using SalesAcademy.Core.Scheduling;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes;

/// <summary>
/// Quizzes: the question bank (versioned content, GIFT import), quizzes and attempts that never lose an answer,
/// item analysis for trainers, and each rep's FSRS review deck.
/// </summary>
public sealed class QuizzesModule : PortalModule
{
    public const string QuestionType = "Question";
    public const string QuizType = "Quiz";

    public override ModuleManifest Manifest { get; } = new("quizzes", "Quizzes",
        "Question bank (versioned, GIFT import), quizzes with server-saved attempts, item analysis, FSRS spaced review.",
        "accounts", "teams", "content", "markdown");

    public override void ConfigureServices(IServiceCollection services, PortalSettings settings)
    {
        services.AddPortalDbContext<QuizzesDbContext, SqliteQuizzesDbContext, PostgresQuizzesDbContext>(settings.Database, QuizzesDbContext.MigrationsTable);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<Core.Learning.ITeamQuizProgress, TeamQuizProgress>();
        services.AddScoped<Core.Insights.IWeakQuestions, WeakQuestions>(); // recommendations: a team's lowest-scoring questions per tag
        services.AddSingleton<IPermissionProvider, QuizPermissionProvider>();
        services.AddSingleton<PinnedVersions>();
        services.AddSingleton<AttemptAdmission>();
        services.AddScoped<QuizAttempts>();
        services.AddScoped<AttemptViews>();
        services.AddScoped<SalesAcademy.Content.Services.IContentPublishCheck, QuizPublishCheck>();
        services.AddPeriodicTask<OverdueAttemptsJob>(OverdueAttemptsJob.Key, "Finish overdue quiz attempts", OverdueAttemptsJob.Interval);
        services.AddReviewDeck(settings.Configuration);
        services.AddScoped<IAttemptFinished, WrongAnswersToDeck>();
        // Questions carry their answers: only quizzes.manage reads them outside an attempt.
        services.AddContentType(new ContentTypeDefinition(QuestionType, "Question", "Question bank", "/questions", "questions", typeof(QuestionPart))
            { ReadPermission = QuizPermissions.Manage });
        // Search is for the knowledge library; quizzes are found on /quizzes (a quiz's few words would crowd out the cases).
        services.AddContentType(new ContentTypeDefinition(QuizType, "Quiz", "Quizzes", "/quizzes", "quizzes", typeof(QuizPart)) { Searchable = false });
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Quizzes", "/quizzes", 35));
        services.AddSingleton(new NavigationItem(NavigationArea.Main, "Daily review", "/daily-review", 36, PortalPolicies.For(QuizPermissions.Take)));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Question bank", "/questions", 50, PortalPolicies.For(QuizPermissions.Manage)));
        services.AddSingleton(new NavigationItem(NavigationArea.Admin, "Answers to grade", "/quizzes/grading", 51, PortalPolicies.For(QuizPermissions.Manage)));
        // Item analysis: recomputed in the background shortly after a first attempt is finished or regraded.
        services.AddScoped<QuizStatistics>();
        services.AddScoped<Core.Improvement.IImprovementSource, Improvement.FlaggedQuestionFindings>(); // the improvement queue's flagged questions
        services.AddOptions<QuizStatisticsOptions>().BindConfiguration("Quizzes")
            .Validate(o => o.StatisticsDelaySeconds is >= 0 and <= 600, "Setting Quizzes:StatisticsDelaySeconds must be between 0 and 600.")
            .ValidateOnStart();
        services.AddSingleton<StatisticsRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<StatisticsRefresher>());
        services.AddScoped<IAttemptFinished, FirstAttemptsToStatistics>();
        // Question bank: listing, GIFT import, access rules.
        services.AddScoped<QuestionBankAccess>();
        services.AddScoped<QuestionBank>();
        services.AddScoped<GiftImporter>();
        // Scheduled cycles (run by the Scheduling module): quiz rounds and review reminders, and what they tell people.
        services.AddScoped<QuizRounds>();
        services.AddCycleKind<QuizRoundKind>();
        services.AddCycleKind<ReviewReminderKind>();
        services.AddInsightSource<Insights.QuizInsightSource>(); // mastery, retention, quiz-round participation for the insights run
        services.AddNotificationKind(QuizRoundKind.OpenNotice, "A quiz round opens", needsAction: true);
        services.AddNotificationKind(QuizRoundKind.ReminderNotice, "A quiz round you have not finished closes soon", needsAction: true);
        services.AddNotificationKind(QuizRoundKind.ResultNotice, "Your result when a quiz round closes");
        services.AddNotificationKind(QuizRoundKind.SummaryNotice, "The summary of your team's quiz round (team leads)");
        services.AddNotificationKind(ReviewReminderKind.DueNotice, "Review questions are due");
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapQuizzesApiV1();
        endpoints.MapQuizStatisticsApiV1();
        endpoints.MapQuestionsApiV1();
    }
}
