using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Statistics;

/// <summary>One slot of one finished first attempt: the question it held, the marks earned (fraction × points) and the points.</summary>
public sealed record ItemScore(string QuestionItemId, int Slot, double Mark, double MaxMark);

/// <summary>One finished first attempt, as item analysis reads it.</summary>
public sealed record AttemptScores(long AttemptId, IReadOnlyList<ItemScore> Items)
{
    public double Total => Items.Sum(i => i.Mark);
    public double MaxTotal => Items.Sum(i => i.MaxMark);
}

/// <summary>Why a question lands in the trainers' queue. <see cref="Reason"/> is the English text (the UI key).</summary>
public sealed record ItemFlag(string Code, string Reason);

public static class ItemFlags
{
    public const string TooHard = "too-hard";
    public const string TooEasy = "too-easy";
    public const string LowEfficiency = "low-efficiency";
    public const string NegativeDiscrimination = "negative-discrimination";

    public static readonly ItemFlag TooHardFlag = new(TooHard, "Too hard: fewer than 20% of the marks are earned");
    public static readonly ItemFlag TooEasyFlag = new(TooEasy, "Too easy: more than 95% of the marks are earned");
    public static readonly ItemFlag LowEfficiencyFlag = new(LowEfficiency, "Does not separate strong from weak takers (discriminative efficiency below 15%)");
    public static readonly ItemFlag NegativeDiscriminationFlag = new(NegativeDiscrimination, "Negative discrimination: strong takers get it wrong more often — check the key");
}

/// <summary>A question's statistics over the first attempts that contained it. Null where undefined (fewer than 2 attempts, no variance).</summary>
public sealed record QuestionStatistics
{
    public string QuestionItemId { get; init; } = "";
    /// <summary>The question's title and address when the statistics were read (resolved from the content, not computed).</summary>
    public string Title { get; init; } = "";
    public string? Slug { get; init; }
    /// <summary>1-based position: the quiz's list order for a fixed quiz, else by the average slot it was shown in.</summary>
    public int Position { get; init; }
    /// <summary>First attempts that contained the question.</summary>
    public int N { get; init; }
    /// <summary>The question's points (the mean when its versions differ).</summary>
    public double MaxMark { get; init; }
    /// <summary>Mean mark ÷ max mark, 0..1.</summary>
    public double? Facility { get; init; }
    /// <summary>Sample standard deviation (n − 1) of the marks ÷ max mark, as Moodle shows it.</summary>
    public double? Sd { get; init; }
    /// <summary>100 × Pearson correlation of the question's marks with the rest of the test (total minus this question).</summary>
    public double? DiscriminationIndex { get; init; }
    /// <summary>100 × covariance with the rest of the test ÷ the largest covariance the two distributions allow.</summary>
    public double? DiscriminativeEfficiency { get; init; }
    public IReadOnlyList<ItemFlag> Flags { get; init; } = [];
}

/// <summary>The quiz's item analysis: the distribution of first-attempt totals and Cronbach's α, plus one row per question.</summary>
public sealed record QuizStatisticsReport
{
    public string QuizItemId { get; init; } = "";
    public DateTime ComputedUtc { get; init; }
    /// <summary>Finished, completely graded first attempts counted.</summary>
    public int Attempts { get; init; }
    /// <summary>The largest total an attempt could earn (the highest among the attempts when quiz versions differ).</summary>
    public double MaxMarks { get; init; }
    public double? Mean { get; init; }
    public double? Median { get; init; }
    /// <summary>Sample standard deviation (n − 1) of the totals, in marks.</summary>
    public double? StandardDeviation { get; init; }
    public double? Skewness { get; init; }
    public double? Kurtosis { get; init; }
    /// <summary>Coefficient of internal consistency (Cronbach's α) as a percentage, as Moodle reports it.</summary>
    public double? Cic { get; init; }
    /// <summary>100 × √(1 − CIC/100): the share of the SD that is error.</summary>
    public double? ErrorRatio { get; init; }
    /// <summary>ER/100 × SD: the standard error of a total, in marks.</summary>
    public double? StandardError { get; init; }
    /// <summary>What α sums variances over: <c>questions</c> (every attempt had the same questions), <c>positions</c> (random draws, same count), or null.</summary>
    public string? ItemBasis { get; init; }
    public IReadOnlyList<QuestionStatistics> Questions { get; init; } = [];
}

/// <summary>
/// Classical item analysis with the definitions of Moodle's quiz statistics report (question/classes/statistics/questions/calculator.php
/// and mod/quiz/report/statistics/classes/calculator.php): per question over the attempts that contained it, per quiz over the totals.
/// Pure: it sees only marks.
/// </summary>
public static class ItemAnalysis
{
    /// <summary>Questions are flagged only once this many first attempts contained them: fewer say little about a question.</summary>
    public const int MinimumForFlags = 5;
    public const double TooHardBelow = 0.2;
    public const double TooEasyAbove = 0.95;
    public const double LowEfficiencyBelow = 15;

    /// <param name="order">Question ids in the quiz's own order (a fixed list); others follow by their average slot.</param>
    public static QuizStatisticsReport Analyse(string quizItemId, IReadOnlyList<AttemptScores> attempts, DateTime computedUtc, IReadOnlyList<string>? order = null)
    {
        var totals = attempts.Select(a => a.Total).ToArray();
        var s = totals.Length;
        var report = new QuizStatisticsReport
        {
            QuizItemId = quizItemId,
            ComputedUtc = computedUtc,
            Attempts = s,
            MaxMarks = s == 0 ? 0 : attempts.Max(a => a.MaxTotal),
        };
        if (s == 0) return report;

        var mean = totals.Average();
        var sorted = totals.Order().ToArray();
        var median = s % 2 == 1 ? sorted[s / 2] : (sorted[s / 2 - 1] + sorted[s / 2]) / 2;
        double? sd = null, skewness = null, kurtosis = null, cic = null, errorRatio = null, standardError = null;
        var (basis, itemVariances) = ItemVariances(attempts);
        if (s > 1)
        {
            double power2 = 0, power3 = 0, power4 = 0;
            foreach (var t in totals)
            {
                var d = t - mean;
                power2 += d * d;
                power3 += d * d * d;
                power4 += d * d * d * d;
            }
            sd = Math.Sqrt(power2 / (s - 1));
            // Moodle computes skewness, kurtosis and α only from three attempts on (k-statistics).
            if (s > 2)
            {
                double m2 = power2 / s, m3 = power3 / s, m4 = power4 / s;
                var k2 = s * m2 / (s - 1);
                var k3 = (double)s * s * m3 / ((s - 1) * (s - 2));
                if (k2 > 0)
                {
                    skewness = k3 / Math.Pow(k2, 1.5);
                    if (s > 3) kurtosis = (double)s * s * ((s + 1) * m4 - 3 * (s - 1) * m2 * m2) / ((s - 1) * (s - 2) * (s - 3)) / (k2 * k2);
                    if (itemVariances is { Count: > 1 } variances)
                    {
                        var p = variances.Count;
                        cic = 100.0 * p / (p - 1) * (1 - variances.Sum() / k2);
                        errorRatio = 100 * Math.Sqrt(Math.Max(0, 1 - cic.Value / 100));
                        standardError = errorRatio * sd / 100;
                    }
                }
            }
        }

        var questions = QuestionRows(attempts, order);
        return report with
        {
            Mean = mean, Median = median, StandardDeviation = sd, Skewness = skewness, Kurtosis = kurtosis,
            Cic = cic, ErrorRatio = errorRatio, StandardError = standardError,
            ItemBasis = itemVariances is null ? null : basis,
            Questions = questions,
        };
    }

    /// <summary>
    /// The item variances α sums. Moodle sums them per slot; here a slot is a question when every attempt had the same questions
    /// (a fixed list, shuffled or not), else a position (a random draw) when every attempt had the same positions.
    /// </summary>
    private static (string Basis, List<double>? Variances) ItemVariances(IReadOnlyList<AttemptScores> attempts)
    {
        if (attempts.Count < 2) return ("", null);
        var questions = Columns(attempts, i => i.QuestionItemId, StringComparer.Ordinal);
        if (questions is not null) return ("questions", questions);
        var positions = Columns(attempts, i => i.Slot, EqualityComparer<int>.Default);
        return positions is null ? ("", null) : ("positions", positions);
    }

    /// <summary>The sample variance of each key's marks, when every attempt has exactly the keys of the first; else null.</summary>
    private static List<double>? Columns<TKey>(IReadOnlyList<AttemptScores> attempts, Func<ItemScore, TKey> key, IEqualityComparer<TKey> comparer)
        where TKey : notnull
    {
        var index = new Dictionary<TKey, int>(comparer);
        foreach (var item in attempts[0].Items) index.TryAdd(key(item), index.Count);
        if (index.Count != attempts[0].Items.Count) return null;
        var marks = new double[index.Count][];
        for (var c = 0; c < marks.Length; c++) marks[c] = new double[attempts.Count];
        var seen = new bool[index.Count];
        for (var a = 0; a < attempts.Count; a++)
        {
            var items = attempts[a].Items;
            if (items.Count != index.Count) return null;
            Array.Clear(seen);
            foreach (var item in items)
            {
                if (!index.TryGetValue(key(item), out var c) || seen[c]) return null;
                seen[c] = true;
                marks[c][a] = item.Mark;
            }
        }
        return marks.Select(SampleVariance).ToList();
    }

    private static double SampleVariance(double[] values)
    {
        double mean = 0, sum = 0;
        foreach (var v in values) mean += v;
        mean /= values.Length;
        foreach (var v in values) sum += (v - mean) * (v - mean);
        return sum / (values.Length - 1);
    }

    private static List<QuestionStatistics> QuestionRows(IReadOnlyList<AttemptScores> attempts, IReadOnlyList<string>? order)
    {
        // Per question: its mark and the rest of the test (the attempt's total minus this question) in each attempt that had it.
        var byQuestion = new Dictionary<string, List<(double Mark, double RestMark, double Max, int Slot)>>(StringComparer.Ordinal);
        foreach (var attempt in attempts)
        {
            var total = attempt.Total;
            foreach (var item in attempt.Items)
            {
                if (!byQuestion.TryGetValue(item.QuestionItemId, out var list)) byQuestion[item.QuestionItemId] = list = [];
                list.Add((item.Mark, total - item.Mark, item.MaxMark, item.Slot));
            }
        }

        var rows = byQuestion.Select(q => Question(q.Key, q.Value)).ToList();
        var listed = (order ?? []).Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        return rows
            .OrderBy(r => listed.TryGetValue(r.Row.QuestionItemId, out var i) ? i : int.MaxValue)
            .ThenBy(r => r.AverageSlot).ThenBy(r => r.Row.QuestionItemId, StringComparer.Ordinal)
            .Select((r, i) => r.Row with { Position = i + 1 })
            .ToList();
    }

    private static (QuestionStatistics Row, double AverageSlot) Question(string questionItemId, List<(double Mark, double RestMark, double Max, int Slot)> scores)
    {
        var s = scores.Count;
        var maxMark = scores.Average(x => x.Max);
        var markMean = scores.Average(x => x.Mark);
        var restMean = scores.Average(x => x.RestMark);
        double? facility = maxMark > 0 ? markMean / maxMark : null;
        double? sd = null, discrimination = null, efficiency = null;
        if (s > 1)
        {
            double markSum2 = 0, restSum2 = 0, covSum = 0, covMaxSum = 0;
            // The largest covariance two distributions allow pairs them in the same order (Moodle: sorted marks × sorted rests).
            var sortedMarks = new double[s];
            var sortedRests = new double[s];
            for (var i = 0; i < s; i++) (sortedMarks[i], sortedRests[i]) = (scores[i].Mark, scores[i].RestMark);
            Array.Sort(sortedMarks);
            Array.Sort(sortedRests);
            for (var i = 0; i < s; i++)
            {
                var dm = scores[i].Mark - markMean;
                var dr = scores[i].RestMark - restMean;
                markSum2 += dm * dm;
                restSum2 += dr * dr;
                covSum += dm * dr;
                covMaxSum += (sortedMarks[i] - markMean) * (sortedRests[i] - restMean);
            }
            double markVariance = markSum2 / (s - 1), restVariance = restSum2 / (s - 1);
            double covariance = covSum / (s - 1), covarianceMax = covMaxSum / (s - 1);
            if (maxMark > 0) sd = Math.Sqrt(markVariance) / maxMark;
            // Rounding noise (1e-17) must not pass for variance: a question everyone scored the same on has none.
            if (markVariance > Tiny && restVariance > Tiny) discrimination = 100 * covariance / Math.Sqrt(markVariance * restVariance);
            if (covarianceMax > Tiny) efficiency = 100 * covariance / covarianceMax;
        }

        var flags = new List<ItemFlag>();
        if (s >= MinimumForFlags)
        {
            if (facility < TooHardBelow) flags.Add(ItemFlags.TooHardFlag);
            if (facility > TooEasyAbove) flags.Add(ItemFlags.TooEasyFlag);
            if (discrimination < 0) flags.Add(ItemFlags.NegativeDiscriminationFlag);
            if (efficiency < LowEfficiencyBelow) flags.Add(ItemFlags.LowEfficiencyFlag);
        }
        return (new QuestionStatistics
        {
            QuestionItemId = questionItemId, N = s, MaxMark = maxMark, Facility = facility, Sd = sd,
            DiscriminationIndex = discrimination, DiscriminativeEfficiency = efficiency, Flags = flags,
        }, scores.Average(x => x.Slot));
    }

    private const double Tiny = 1e-12;
}
