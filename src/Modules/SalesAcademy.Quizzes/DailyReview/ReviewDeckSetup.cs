using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>The FSRS parameters, or an error naming the setting that is out of range.</summary>
    public FsrsParameters ToParameters()
    {
        if (FsrsParameters.CheckDesiredRetention(DesiredRetention) is { } problem)
            throw new InvalidOperationException($"Setting Quizzes:DesiredRetention {problem}.");
        if (MaximumIntervalDays is < 1 or > FsrsParameters.DefaultMaximumIntervalDays)
            throw new InvalidOperationException($"Setting Quizzes:MaximumIntervalDays must be between 1 and {FsrsParameters.DefaultMaximumIntervalDays}; it is {MaximumIntervalDays}.");
        return new FsrsParameters(desiredRetention: DesiredRetention, maximumIntervalDays: MaximumIntervalDays);
    }
}

public static class ReviewDeckSetup
{
    /// <summary>The FSRS scheduler (from <c>Quizzes:DesiredRetention</c> and <c>Quizzes:MaximumIntervalDays</c>), the deck and the home panel.</summary>
    public static IServiceCollection AddReviewDeck(this IServiceCollection services, IConfiguration configuration)
    {
        var options = new ReviewDeckOptions();
        configuration.GetSection("Quizzes").Bind(options);
        services.AddSingleton(options);
        services.AddSingleton(new Fsrs(options.ToParameters()));
        services.AddScoped<ReviewDeck>();
        services.AddSingleton(new HomeWidget("ReviewDue", 10));
        return services;
    }
}
