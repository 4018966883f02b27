using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// The FSRS-5 scheduler against reference values: sequences computed by <c>fsrs_reference.py</c> (an independent Python
/// implementation of the published formulas, kept next to this file; run it to regenerate), and the published ts-fsrs
/// test vectors for the first rating with the default weights (ts-fsrs <c>__tests__/FSRS-5.test.ts</c>, "first repeat").
/// Stability and difficulty to 1e-4 relative, intervals exactly.
/// </summary>
public sealed class FsrsTests
{
    private static readonly DateTime Start = new(2026, 3, 2, 8, 30, 0, DateTimeKind.Utc);

    public sealed record Reference(string Name, double Retention, ReviewRating[] Ratings, int[] Elapsed, double[] Stability, double[] Difficulty, int[] Intervals)
    {
        public override string ToString() => Name;
    }

    // Pasted from `python3 tests/SalesAcademy.Quizzes.Tests/fsrs_reference.py`. Elapsed: whole days before each review.
    private static readonly Reference[] References =
    [
        new("GoodGoodGoodGood", 0.9, [ReviewRating.Good, ReviewRating.Good, ReviewRating.Good, ReviewRating.Good],
            [0, 3, 11, 35],
            [3.173, 10.7389258461, 34.5776235006, 100.7483128519],
            [5.2824344223, 5.2729679313, 5.2635449861, 5.2541653865],
            [3, 11, 35, 101]),
        new("AgainGoodGood", 0.9, [ReviewRating.Again, ReviewRating.Good, ReviewRating.Good],
            [0, 1, 3],
            [0.40255, 2.2650094351, 7.3379570478],
            [7.1949, 7.1766361673, 7.1584563483],
            [1, 3, 7]),
        new("EasyHardGoodAgainGood", 0.9, [ReviewRating.Easy, ReviewRating.Hard, ReviewRating.Good, ReviewRating.Again, ReviewRating.Good],
            [0, 16, 26, 85, 6],
            [15.69105, 26.1125385022, 85.4098123996, 5.6805180207, 17.5332166956],
            [3.2245015894, 4.3188817188, 4.3138475702, 6.145693989, 6.1322565039],
            [16, 26, 85, 6, 18]),
        new("HardHardHard", 0.9, [ReviewRating.Hard, ReviewRating.Hard, ReviewRating.Hard],
            [0, 2, 2],
            [1.18385, 2.148213033, 2.9965735556],
            [6.4883052685, 7.0405015474, 7.5009668479],
            [2, 2, 3]),
        new("GoodGoodAgainEasy_off_schedule", 0.9, [ReviewRating.Good, ReviewRating.Good, ReviewRating.Again, ReviewRating.Easy],
            [0, 10, 1, 40],
            [3.173, 23.8958755006, 2.5971823739, 101.688790104],
            [5.2824344223, 5.2729679313, 6.7905676946, 6.2557755142],
            [3, 24, 3, 102]),
        new("GoodGoodGoodGood_retention_0_8", 0.8, [ReviewRating.Good, ReviewRating.Good, ReviewRating.Good, ReviewRating.Good],
            [0, 8, 49, 257],
            [3.173, 20.6225753602, 107.3296489254, 480.9497491391],
            [5.2824344223, 5.2729679313, 5.2635449861, 5.2541653865],
            [8, 49, 257, 1153]),
    ];

    public static TheoryData<Reference> Cases() => [.. References];

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_rating_sequence_gives_the_reference_stability_difficulty_and_intervals(Reference reference)
    {
        var fsrs = new Fsrs(new FsrsParameters(desiredRetention: reference.Retention));
        var card = new ReviewCard { State = CardState.New, DueUtc = Start };
        var now = Start;
        for (var i = 0; i < reference.Ratings.Length; i++)
        {
            // Some hours past the whole days: elapsed time counts whole days.
            now = i == 0 ? Start : card.LastReviewUtc!.Value.AddDays(reference.Elapsed[i]).AddHours(5);
            var outcome = fsrs.Rate(card, reference.Ratings[i], now);
            var step = $"{reference.Name}, review {i + 1} ({reference.Ratings[i]})";
            Assert.True(reference.Elapsed[i] == outcome.ElapsedDays, $"{step}: elapsed {outcome.ElapsedDays}, expected {reference.Elapsed[i]}");
            AssertClose(reference.Stability[i], outcome.Stability, $"{step}: stability");
            AssertClose(reference.Difficulty[i], outcome.Difficulty, $"{step}: difficulty");
            Assert.True(reference.Intervals[i] == outcome.IntervalDays, $"{step}: interval {outcome.IntervalDays} d, expected {reference.Intervals[i]} d");
            Assert.Equal(now.AddDays(outcome.IntervalDays), outcome.DueUtc);
            card = Apply(card, outcome, now);
        }
        Assert.Equal(reference.Ratings.Length, card.Reps);
    }

    [Fact]
    public void The_first_rating_matches_the_published_ts_fsrs_vectors()
    {
        // ts-fsrs __tests__/FSRS-5.test.ts, "first repeat", default FSRS-5 weights: stability [0.40255, 1.18385, 3.173,
        // 15.69105], difficulty [7.1949, 6.48830527, 5.28243442, 3.22450159], Easy scheduled 16 days.
        var preview = new Fsrs().Preview(new ReviewCard { State = CardState.New }, Start);
        double[] stability = [0.40255, 1.18385, 3.173, 15.69105];
        double[] difficulty = [7.1949, 6.48830527, 5.28243442, 3.22450159];
        for (var g = 1; g <= 4; g++)
        {
            AssertClose(stability[g - 1], preview[(ReviewRating)g].Stability, $"S0({g})");
            AssertClose(difficulty[g - 1], preview[(ReviewRating)g].Difficulty, $"D0({g})");
        }
        Assert.Equal(16, preview[ReviewRating.Easy].IntervalDays);
    }

    [Fact]
    public void The_forgetting_curve_is_ninety_percent_after_one_stability()
    {
        Assert.Equal(0.9, Fsrs.Retrievability(10, 10), 12);
        Assert.Equal(1.0, Fsrs.Retrievability(0, 3), 12);
        Assert.Equal(19.0 / 81.0, Fsrs.Factor, 15);
        // At desired retention 0.9 the interval is the stability, rounded half up.
        var fsrs = new Fsrs();
        Assert.Equal(10, fsrs.Interval(10));
        Assert.Equal(3, fsrs.Interval(2.6));
        Assert.Equal(2, fsrs.Interval(2.4));
        Assert.Equal(1, fsrs.Interval(0.2));
    }

    [Fact]
    public void Intervals_are_capped_by_the_maximum_interval()
    {
        var fsrs = new Fsrs(new FsrsParameters(maximumIntervalDays: 30));
        var card = new ReviewCard { State = CardState.Review, Stability = 400, Difficulty = 5, Reps = 5, LastReviewUtc = Start.AddDays(-400) };
        var preview = fsrs.Preview(card, Start);
        Assert.All(preview.Values, o => Assert.True(o.IntervalDays <= 30, $"{o.Rating}: {o.IntervalDays} d"));
        Assert.Equal(30, preview[ReviewRating.Easy].IntervalDays);
        Assert.Equal(36500, new Fsrs().Interval(1e9));
    }

    [Fact]
    public void The_four_intervals_of_one_review_increase_from_again_to_easy()
    {
        var fsrs = new Fsrs();
        foreach (var (s, d, t) in new[] { (0.5, 9.5, 0), (1.2, 8.0, 1), (3.0, 5.0, 3), (50.0, 2.0, 60), (0.1, 10.0, 0) })
        {
            var card = new ReviewCard { State = CardState.Review, Stability = s, Difficulty = d, Reps = 3, LastReviewUtc = Start.AddDays(-t) };
            var p = fsrs.Preview(card, Start);
            Assert.True(p[ReviewRating.Again].IntervalDays < p[ReviewRating.Hard].IntervalDays
                        && p[ReviewRating.Hard].IntervalDays < p[ReviewRating.Good].IntervalDays
                        && p[ReviewRating.Good].IntervalDays < p[ReviewRating.Easy].IntervalDays,
                $"S={s} D={d} t={t}: {string.Join(", ", p.Values.Select(o => o.IntervalDays))}");
            Assert.True(p[ReviewRating.Again].Stability <= s, "stability after a lapse never exceeds the stability before it");
        }
    }

    [Fact]
    public void States_and_lapses_follow_the_ratings()
    {
        var fsrs = new Fsrs();
        var card = new ReviewCard { State = CardState.New };
        var now = Start;
        (ReviewRating Rating, CardState State, int Lapses)[] steps =
        [
            (ReviewRating.Again, CardState.Learning, 0),   // never recalled yet: not a lapse
            (ReviewRating.Good, CardState.Review, 0),
            (ReviewRating.Again, CardState.Relearning, 1),
            (ReviewRating.Hard, CardState.Review, 1),
            (ReviewRating.Again, CardState.Relearning, 2),
        ];
        foreach (var (rating, state, lapses) in steps)
        {
            var outcome = fsrs.Rate(card, rating, now);
            Assert.Equal((state, lapses), (outcome.State, outcome.Lapses));
            card = Apply(card, outcome, now);
            now = outcome.DueUtc;
        }
    }

    [Theory]
    [InlineData(0.9, true)]
    [InlineData(0.7, true)]
    [InlineData(0.97, true)]
    [InlineData(0.69, false)]
    [InlineData(0.98, false)]
    public void Desired_retention_is_accepted_between_0_7_and_0_97(double retention, bool accepted)
    {
        var options = new ReviewDeckOptions { DesiredRetention = retention };
        if (accepted)
        {
            Assert.Null(options.Problem());
            Assert.Equal(retention, options.ToParameters().DesiredRetention);
            return;
        }
        var problem = options.Problem();
        Assert.NotNull(problem);
        Assert.Contains("Quizzes:DesiredRetention", problem);
        Assert.Contains(retention.ToString(System.Globalization.CultureInfo.InvariantCulture), problem);
    }

    [Fact]
    public void A_higher_desired_retention_gives_shorter_intervals()
    {
        var card = new ReviewCard { State = CardState.Review, Stability = 20, Difficulty = 5, Reps = 3, LastReviewUtc = Start.AddDays(-20) };
        var at90 = new Fsrs(new FsrsParameters(desiredRetention: 0.9)).Rate(card, ReviewRating.Good, Start).IntervalDays;
        var at95 = new Fsrs(new FsrsParameters(desiredRetention: 0.95)).Rate(card, ReviewRating.Good, Start).IntervalDays;
        Assert.True(at95 < at90, $"0.95 → {at95} d, 0.9 → {at90} d");
    }

    private static ReviewCard Apply(ReviewCard card, FsrsOutcome o, DateTime now) => new()
    {
        Id = card.Id, State = o.State, Stability = o.Stability, Difficulty = o.Difficulty, DueUtc = o.DueUtc,
        Reps = o.Reps, Lapses = o.Lapses, LastReviewUtc = now,
    };

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= 1e-4 * Math.Abs(expected), $"{what}: {actual}, expected {expected} (±1e-4 relative)");
}
