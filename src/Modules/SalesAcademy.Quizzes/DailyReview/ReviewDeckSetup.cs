using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SalesAcademy.Core.Hosting;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.DailyReview;

/// <summary>Review-deck settings (section <c>Quizzes</c>).</summary>
public sealed class ReviewDeckOptions
{
    /// <summary><c>Quizzes:DesiredRetention</c>: the probability of recall a card is scheduled for, 0.7 to 0.97 (default 0.9).</summary>
    public double DesiredRetention { get; set; } = FsrsParameters.DefaultDesiredRetention;

    /// <summary><c>Quizzes:MaximumIntervalDays</c>: the longest interval FSRS may schedule (default 36500).</summary>
    public int MaximumIntervalDays { get; set; } = FsrsParameters.DefaultMaximumIntervalDays;

    /// <summary>What is wrong with the settings, naming the setting; null when they are good.</summary>
    public string? Problem() =>
        FsrsParameters.CheckDesiredRetention(DesiredRetention) is { } problem ? $"Setting Quizzes:DesiredRetention {problem}."
        : MaximumIntervalDays is < 1 or > FsrsParameters.DefaultMaximumIntervalDays
            ? $"Setting Quizzes:MaximumIntervalDays must be between 1 and {FsrsParameters.DefaultMaximumIntervalDays}; it is {MaximumIntervalDays}."
            : null;

    /// <summary>The FSRS parameters (the settings were validated at start).</summary>
    public FsrsParameters ToParameters() => new(desiredRetention: DesiredRetention, maximumIntervalDays: MaximumIntervalDays);
}

public static class ReviewDeckSetup
{
    /// <summary>The FSRS scheduler (from <c>Quizzes:DesiredRetention</c> and <c>Quizzes:MaximumIntervalDays</c>), the deck and the home panel.</summary>
    public static IServiceCollection AddReviewDeck(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ReviewDeckOptions>().BindConfiguration("Quizzes")
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<ReviewDeckOptions>, ReviewDeckOptionsValidation>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<ReviewDeckOptions>>().Value);
        services.AddSingleton(sp => new Fsrs(sp.GetRequiredService<ReviewDeckOptions>().ToParameters()));
        services.AddScoped<ReviewDeck>();
        services.AddSingleton(new HomeWidget("ReviewDue", 10));
        return services;
    }
}

/// <summary>Start-up stops on a review-deck setting out of range, with a message naming it.</summary>
internal sealed class ReviewDeckOptionsValidation : IValidateOptions<ReviewDeckOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewDeckOptions options) =>
        options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
