using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.DailyReview;

/// <summary>
/// FSRS parameters: the 19 FSRS-5 weights, the desired retention (probability of recall when a card falls due) and
/// the longest interval.
/// </summary>
/// <remarks>
/// The default weights are FSRS-5's, as published in the fsrs4anki wiki ("The Algorithm", FSRS-5 section) and used as
/// defaults by ts-fsrs (<c>__tests__/FSRS-5.test.ts</c>) and py-fsrs 4.x / 5.x.
/// </remarks>
public sealed record FsrsParameters
{
    public static readonly IReadOnlyList<double> Fsrs5DefaultWeights =
    [
        0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
        1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621,
    ];

    public const double DefaultDesiredRetention = 0.9;
    public const double MinDesiredRetention = 0.7;
    public const double MaxDesiredRetention = 0.97;
    public const int DefaultMaximumIntervalDays = 36500;

    public FsrsParameters(IReadOnlyList<double>? weights = null, double desiredRetention = DefaultDesiredRetention, int maximumIntervalDays = DefaultMaximumIntervalDays)
    {
        weights ??= Fsrs5DefaultWeights;
        if (weights.Count != 19) throw new ArgumentException($"FSRS-5 needs 19 weights; got {weights.Count}.", nameof(weights));
        // The tests also run the published ts-fsrs vectors, whose retention is 0.9; any value in (0, 1) is a valid model input.
        if (desiredRetention is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention, "must be between 0 and 1");
        if (maximumIntervalDays < 1) throw new ArgumentOutOfRangeException(nameof(maximumIntervalDays), maximumIntervalDays, "must be at least 1 day");
        Weights = weights.ToArray();
        DesiredRetention = desiredRetention;
        MaximumIntervalDays = maximumIntervalDays;
    }

    public IReadOnlyList<double> Weights { get; }
    public double DesiredRetention { get; }
    public int MaximumIntervalDays { get; }

    /// <summary>The problem with a configured desired retention, or null when it is usable (0.7 to 0.97).</summary>
    public static string? CheckDesiredRetention(double value) =>
        value is >= MinDesiredRetention and <= MaxDesiredRetention ? null
            : $"must be between {MinDesiredRetention} and {MaxDesiredRetention} (the probability of recalling a card when it falls due); it is {value}";
}

/// <summary>What one rating would do to a card: its next memory state, state, interval and due time.</summary>
/// <param name="ElapsedDays">Whole days since the previous review (0 for a new card).</param>
/// <param name="Retrievability">The predicted probability of recall at the time of this review (1 for a new card).</param>
public sealed record FsrsOutcome(
    ReviewRating Rating, CardState State, double Stability, double Difficulty, int IntervalDays, DateTime DueUtc,
    int Reps, int Lapses, int ElapsedDays, double Retrievability);

/// <summary>
/// The FSRS-5 scheduler (Free Spaced Repetition Scheduler, open-spaced-repetition), pure and deterministic: no I/O,
/// no clock, no fuzz.
/// </summary>
/// <remarks>
/// <para>Formulas (fsrs4anki wiki "The Algorithm", FSRS-5; py-fsrs <c>ALGORITHM.md</c>; ts-fsrs <c>FSRSAlgorithm</c>):</para>
/// <list type="bullet">
/// <item>retrievability R(t,S) = (1 + FACTOR·t/S)^DECAY, DECAY = −0.5, FACTOR = 0.9^(1/DECAY) − 1 = 19/81;</item>
/// <item>first rating G: S₀(G) = w[G−1]; D₀(G) = w4 − e^(w5·(G−1)) + 1, clamped to 1..10;</item>
/// <item>difficulty: ΔD = −w6·(G−3); D′ = D + ΔD·(10−D)/9 (linear damping); D″ = w7·D₀(4) + (1−w7)·D′ (mean reversion), clamped to 1..10;</item>
/// <item>recall (G ≥ 2): S′ = S·(1 + e^w8·(11−D)·S^−w9·(e^(w10·(1−R)) − 1)·[w15 if Hard]·[w16 if Easy]);</item>
/// <item>forgetting (G = 1): S′ = w11·D^−w12·((S+1)^w13 − 1)·e^(w14·(1−R)), at least 0.01 and at most S
///   (ts-fsrs with enable_short_term = false);</item>
/// <item>interval I = S/FACTOR·(r^(1/DECAY) − 1), rounded half up, at least 1 day, at most the maximum interval.</item>
/// </list>
/// <para>This is the long-term scheduler (ts-fsrs <c>enable_short_term = false</c>): no minute learning steps and no
/// same-day short-term stability (w17, w18 unused). A daily review deck shows each card at most once per due date, so
/// every rating schedules whole days; Again brings the card back tomorrow. Elapsed time counts whole days (floor), like
/// py-fsrs and ts-fsrs. As in ts-fsrs's long-term scheduler (and Anki), the four intervals offered for one review are made
/// increasing: Again ≤ Hard &lt; Good &lt; Easy. States are labels (scheduling is the same in each): New → Review, or
/// Learning when the first rating is Again; Again on a reviewed card → Relearning and one more lapse; a later recall → Review.</para>
/// </remarks>
public sealed class Fsrs(FsrsParameters parameters)
{
    public const double Decay = -0.5;
    public const double Factor = 19.0 / 81.0;
    private const double MinStability = 0.01;

    private readonly IReadOnlyList<double> w = parameters.Weights;

    public Fsrs() : this(new FsrsParameters()) { }

    public FsrsParameters Parameters => parameters;

    public static double Retrievability(double elapsedDays, double stability) =>
        Math.Pow(1 + Factor * elapsedDays / stability, Decay);

    public double InitialStability(ReviewRating rating) => Math.Max(w[(int)rating - 1], MinStability);

    public double InitialDifficulty(ReviewRating rating) => Clamp(RawInitialDifficulty((int)rating));

    public double NextDifficulty(double difficulty, ReviewRating rating)
    {
        var delta = -w[6] * ((int)rating - 3);
        var damped = difficulty + delta * (10 - difficulty) / 9;
        // The mean-reversion target is D₀(Easy), unclamped as in py-fsrs/ts-fsrs (with the default weights it is 3.22 anyway).
        return Clamp(w[7] * RawInitialDifficulty(4) + (1 - w[7]) * damped);
    }

    public double RecallStability(double difficulty, double stability, double retrievability, ReviewRating rating)
    {
        var hardPenalty = rating == ReviewRating.Hard ? w[15] : 1;
        var easyBonus = rating == ReviewRating.Easy ? w[16] : 1;
        return stability * (1 + Math.Exp(w[8]) * (11 - difficulty) * Math.Pow(stability, -w[9])
            * (Math.Exp(w[10] * (1 - retrievability)) - 1) * hardPenalty * easyBonus);
    }

    public double ForgetStability(double difficulty, double stability, double retrievability)
    {
        var forgotten = w[11] * Math.Pow(difficulty, -w[12]) * (Math.Pow(stability + 1, w[13]) - 1) * Math.Exp(w[14] * (1 - retrievability));
        return Math.Min(Math.Max(forgotten, MinStability), stability);
    }

    /// <summary>Days until recall is expected to fall to the desired retention; whole days, 1 to the maximum interval.</summary>
    public int Interval(double stability)
    {
        var days = stability / Factor * (Math.Pow(parameters.DesiredRetention, 1 / Decay) - 1);
        var rounded = Math.Round(days, MidpointRounding.AwayFromZero);
        return (int)Math.Min(Math.Max(rounded, 1), parameters.MaximumIntervalDays);
    }

    /// <summary>Whole days between two reviews (never negative).</summary>
    public static int ElapsedDays(DateTime lastReviewUtc, DateTime nowUtc) =>
        Math.Max(0, (int)Math.Floor((nowUtc - lastReviewUtc).TotalDays));

    /// <summary>What each of the four ratings would do to the card if given at <paramref name="nowUtc"/>.</summary>
    public IReadOnlyDictionary<ReviewRating, FsrsOutcome> Preview(ReviewCard card, DateTime nowUtc)
    {
        var isNew = card.State == CardState.New || card.LastReviewUtc is null || card.Stability <= 0;
        var elapsed = isNew ? 0 : ElapsedDays(card.LastReviewUtc!.Value, nowUtc);
        var r = isNew ? 1 : Retrievability(elapsed, card.Stability);

        var ratings = new[] { ReviewRating.Again, ReviewRating.Hard, ReviewRating.Good, ReviewRating.Easy };
        var memory = ratings.Select(g => isNew
            ? (S: InitialStability(g), D: InitialDifficulty(g))
            : (S: g == ReviewRating.Again ? ForgetStability(card.Difficulty, card.Stability, r) : RecallStability(card.Difficulty, card.Stability, r, g),
               D: NextDifficulty(card.Difficulty, g))).ToArray();

        var again = Interval(memory[0].S);
        var hard = Interval(memory[1].S);
        var good = Interval(memory[2].S);
        var easy = Interval(memory[3].S);
        again = Math.Min(again, hard);
        hard = Math.Max(hard, again + 1);
        good = Math.Max(good, hard + 1);
        easy = Math.Max(easy, good + 1);
        int[] intervals = [again, hard, good, easy];

        var result = new Dictionary<ReviewRating, FsrsOutcome>(4);
        for (var i = 0; i < 4; i++)
        {
            var g = ratings[i];
            var days = Math.Min(intervals[i], parameters.MaximumIntervalDays);
            var state = (card.State, g) switch
            {
                (CardState.New, ReviewRating.Again) => CardState.Learning,
                (CardState.New, _) => CardState.Review,
                (CardState.Learning, ReviewRating.Again) => CardState.Learning,
                (_, ReviewRating.Again) => CardState.Relearning,
                _ => CardState.Review,
            };
            var lapses = card.Lapses + (!isNew && g == ReviewRating.Again && card.State != CardState.Learning ? 1 : 0);
            result[g] = new FsrsOutcome(g, state, memory[i].S, memory[i].D, days, nowUtc.AddDays(days), card.Reps + 1, lapses, elapsed, r);
        }
        return result;
    }

    /// <summary>The outcome of rating the card at <paramref name="nowUtc"/>.</summary>
    public FsrsOutcome Rate(ReviewCard card, ReviewRating rating, DateTime nowUtc) => Preview(card, nowUtc)[rating];

    private double RawInitialDifficulty(int rating) => w[4] - Math.Exp(w[5] * (rating - 1)) + 1;

    private static double Clamp(double difficulty) => Math.Min(Math.Max(difficulty, 1), 10);
}
