using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>
/// Item analysis against a hand-computed fixture: 6 takers × 4 questions with partial marks. The expected numbers come from
/// item_analysis_reference.py (next to this file), which applies Moodle's definitions with Python's statistics module.
/// </summary>
public sealed class ItemAnalysisTests
{
    private static readonly DateTime Now = new(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Ids = ["q1", "q2", "q3", "q4"];
    private static readonly double[] Points = [1, 2, 1, 1];

    // Marks (fraction × points) of takers A–F on Q1–Q4; Q2 is worth 2, so 1 is half marks; D has half marks on Q3.
    private static readonly double[][] Marks =
    [
        [1, 2, 1, 0],
        [1, 1, 1, 0],
        [1, 2, 0, 1],
        [0, 1, 0.5, 1],
        [1, 0, 0, 1],
        [0, 0, 0, 1],
    ];

    private static List<AttemptScores> Fixture() =>
        Marks.Select((row, a) => new AttemptScores(a + 1, row.Select((m, q) => new ItemScore(Ids[q], q, m, Points[q])).ToList())).ToList();

    private static void Near(double expected, double? actual, int digits = 9) => Assert.Equal(expected, Assert.NotNull(actual), digits);

    [Fact]
    public void Question_statistics_match_the_hand_computed_fixture()
    {
        var report = ItemAnalysis.Analyse("quiz", Fixture(), Now, Ids);
        Assert.Equal(["q1", "q2", "q3", "q4"], report.Questions.Select(q => q.QuestionItemId));
        Assert.Equal([1, 2, 3, 4], report.Questions.Select(q => q.Position));
        Assert.All(report.Questions, q => Assert.Equal(6, q.N));
        Assert.Equal([1, 2, 1, 1], report.Questions.Select(q => q.MaxMark));

        var (q1, q2, q3, q4) = (report.Questions[0], report.Questions[1], report.Questions[2], report.Questions[3]);
        Near(0.6666666666666666, q1.Facility); Near(0.5163977794943223, q1.Sd); Near(28.14390178921167, q1.DiscriminationIndex); Near(30.769230769230774, q1.DiscriminativeEfficiency);
        Near(0.5, q2.Facility); Near(0.4472135954999579, q2.Sd); Near(53.45224838248488, q2.DiscriminationIndex); Near(66.66666666666667, q2.DiscriminativeEfficiency);
        Near(0.4166666666666667, q3.Facility); Near(0.4915960401250875, q3.Sd); Near(6.565321642986128, q3.DiscriminationIndex); Near(7.692307692307693, q3.DiscriminativeEfficiency);
        Near(0.6666666666666666, q4.Facility); Near(0.5163977794943223, q4.Sd); Near(-73.29220430506857, q4.DiscriminationIndex); Near(-89.47368421052632, q4.DiscriminativeEfficiency);
    }

    [Fact]
    public void Quiz_statistics_match_the_hand_computed_fixture()
    {
        var report = ItemAnalysis.Analyse("quiz", Fixture(), Now, Ids);
        Assert.Equal(("quiz", Now, 6, 5.0), (report.QuizItemId, report.ComputedUtc, report.Attempts, report.MaxMarks));
        Near(2.75, report.Mean);
        Near(2.75, report.Median);
        Near(1.1726039399558574, report.StandardDeviation);
        Near(-0.3488738994909989, report.Skewness);
        Near(-0.8495867768595026, report.Kurtosis);
        // A small, inconsistent quiz: α is negative, so the error ratio exceeds 100%.
        Near(-19.3939393939394, report.Cic);
        Near(109.2675337847155, report.ErrorRatio);
        Near(1.2812754062521716, report.StandardError);
        Assert.Equal("questions", report.ItemBasis);
    }

    [Fact]
    public void The_fixture_flags_the_question_that_does_not_separate_and_the_one_with_a_wrong_key()
    {
        var report = ItemAnalysis.Analyse("quiz", Fixture(), Now, Ids);
        Assert.Empty(report.Questions[0].Flags);
        Assert.Empty(report.Questions[1].Flags);
        Assert.Equal([ItemFlags.LowEfficiency], report.Questions[2].Flags.Select(f => f.Code));
        Assert.Equal([ItemFlags.NegativeDiscrimination, ItemFlags.LowEfficiency], report.Questions[3].Flags.Select(f => f.Code));
        Assert.Contains("check the key", report.Questions[3].Flags[0].Reason);
    }

    [Fact]
    public void Shuffled_slots_do_not_change_the_statistics_of_a_fixed_quiz()
    {
        // Same marks, questions shown in a different order per attempt: statistics are per question, α per question.
        var shuffled = Fixture().Select((a, i) => a with { Items = a.Items.Select((item, q) => item with { Slot = (q + i) % 4 }).ToList() }).ToList();
        var plain = ItemAnalysis.Analyse("quiz", Fixture(), Now, Ids);
        var report = ItemAnalysis.Analyse("quiz", shuffled, Now, Ids);
        Assert.Equal(plain.Questions.Select(q => (q.QuestionItemId, q.Facility, q.DiscriminationIndex)), report.Questions.Select(q => (q.QuestionItemId, q.Facility, q.DiscriminationIndex)));
        Assert.Equal(plain.Cic!.Value, report.Cic!.Value, 9);
    }

    [Fact]
    public void No_attempts_give_an_empty_report()
    {
        var report = ItemAnalysis.Analyse("quiz", [], Now);
        Assert.Equal(0, report.Attempts);
        Assert.Empty(report.Questions);
        Assert.Null(report.Mean);
        Assert.Null(report.Median);
        Assert.Null(report.StandardDeviation);
        Assert.Null(report.Cic);
    }

    [Fact]
    public void One_attempt_leaves_everything_but_facility_mean_and_median_undefined()
    {
        var report = ItemAnalysis.Analyse("quiz", Fixture().Take(1).ToList(), Now, Ids);
        Assert.Equal(1, report.Attempts);
        Near(4, report.Mean);
        Near(4, report.Median);
        Assert.Null(report.StandardDeviation);
        Assert.Null(report.Skewness);
        Assert.Null(report.Cic);
        Assert.Null(report.ErrorRatio);
        Assert.Null(report.StandardError);
        var q4 = report.Questions[3];
        Assert.Equal((1, 0.0), (q4.N, q4.Facility!.Value));
        Assert.Null(q4.Sd);
        Assert.Null(q4.DiscriminationIndex);
        Assert.Null(q4.DiscriminativeEfficiency);
        Assert.Empty(q4.Flags); // too hard, but one attempt says nothing
    }

    [Fact]
    public void A_question_everyone_answers_the_same_has_no_discrimination_and_is_flagged_only_as_too_easy()
    {
        // Q1 right for everyone; Q2 varies. Five attempts: enough to flag.
        var attempts = Enumerable.Range(0, 5).Select(i => new AttemptScores(i, [new("q1", 0, 1, 1), new("q2", 1, i % 2, 1)])).ToList();
        var q1 = ItemAnalysis.Analyse("quiz", attempts, Now).Questions.Single(q => q.QuestionItemId == "q1");
        Assert.Equal(1.0, q1.Facility);
        Assert.Equal(0.0, q1.Sd);
        Assert.Null(q1.DiscriminationIndex);
        Assert.Null(q1.DiscriminativeEfficiency);
        Assert.Equal([ItemFlags.TooEasy], q1.Flags.Select(f => f.Code));
    }

    [Fact]
    public void Equal_totals_leave_the_spread_of_the_quiz_and_alpha_undefined()
    {
        var attempts = Enumerable.Range(0, 4).Select(i => new AttemptScores(i, [new("q1", 0, i % 2, 1), new("q2", 1, 1 - i % 2, 1)])).ToList();
        var report = ItemAnalysis.Analyse("quiz", attempts, Now);
        Assert.Equal(0.0, report.StandardDeviation);
        Assert.Null(report.Skewness);
        Assert.Null(report.Kurtosis);
        Assert.Null(report.Cic);
        Assert.Null(report.StandardError);
    }

    [Fact]
    public void Facility_flags_need_at_least_five_attempts()
    {
        List<AttemptScores> Attempts(int n) => Enumerable.Range(0, n)
            .Select(i => new AttemptScores(i, [new("hard", 0, i == 0 ? 1 : 0, 1), new("other", 1, i % 2, 1)])).ToList();
        Assert.Empty(ItemAnalysis.Analyse("quiz", Attempts(4), Now).Questions.Single(q => q.QuestionItemId == "hard").Flags);
        var hard = ItemAnalysis.Analyse("quiz", Attempts(5), Now).Questions.Single(q => q.QuestionItemId == "hard");
        Assert.Equal(0.2, hard.Facility!.Value, 12);
        Assert.DoesNotContain(hard.Flags, f => f.Code == ItemFlags.TooHard); // 0.2 is not below 0.2
        var harder = ItemAnalysis.Analyse("quiz", Attempts(6), Now).Questions.Single(q => q.QuestionItemId == "hard");
        Assert.Contains(harder.Flags, f => f.Code == ItemFlags.TooHard);
        Assert.Equal(ItemFlags.TooHardFlag.Reason, harder.Flags.Single(f => f.Code == ItemFlags.TooHard).Reason);
    }

    [Fact]
    public void A_random_draw_is_analysed_per_question_over_the_attempts_that_had_it_and_alpha_per_position()
    {
        // Three questions in a pool, two drawn per attempt.
        List<AttemptScores> attempts =
        [
            new(1, [new("a", 0, 1, 1), new("b", 1, 1, 1)]),
            new(2, [new("b", 0, 0, 1), new("c", 1, 1, 1)]),
            new(3, [new("a", 0, 0, 1), new("c", 1, 0, 1)]),
            new(4, [new("c", 0, 1, 1), new("a", 1, 1, 1)]),
        ];
        var report = ItemAnalysis.Analyse("quiz", attempts, Now);
        Assert.Equal([3, 2, 3], report.Questions.OrderBy(q => q.QuestionItemId).Select(q => q.N));
        var a = report.Questions.Single(q => q.QuestionItemId == "a");
        Assert.Equal(2.0 / 3, a.Facility!.Value, 12);
        // Marks 1,0,1 against rests 1,0,1: a perfect correlation.
        Near(100, a.DiscriminationIndex);
        Near(100, a.DiscriminativeEfficiency);
        Assert.Equal("positions", report.ItemBasis);
        // Positions: slot 0 marks 1,0,0,1 and slot 1 marks 1,1,0,1; totals 2,1,0,2.
        var totals = new[] { 2.0, 1, 0, 2 };
        double Var(double[] v) => v.Sum(x => (x - v.Average()) * (x - v.Average())) / (v.Length - 1);
        var alpha = 100 * 2.0 * (1 - (Var([1, 0, 0, 1]) + Var([1, 1, 0, 1])) / Var(totals));
        Near(alpha, report.Cic);
    }

    [Fact]
    public void Attempts_with_different_numbers_of_questions_leave_alpha_undefined()
    {
        List<AttemptScores> attempts =
        [
            new(1, [new("a", 0, 1, 1), new("b", 1, 1, 1)]),
            new(2, [new("a", 0, 0, 1)]),
            new(3, [new("a", 0, 1, 1), new("b", 1, 0, 1)]),
            new(4, [new("a", 0, 0, 1), new("b", 1, 0, 1)]),
        ];
        var report = ItemAnalysis.Analyse("quiz", attempts, Now);
        Assert.NotNull(report.StandardDeviation);
        Assert.Null(report.Cic);
        Assert.Null(report.ItemBasis);
        Assert.Equal(2.0, report.MaxMarks);
    }
}
