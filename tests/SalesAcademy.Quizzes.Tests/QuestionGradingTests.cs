using SalesAcademy.Quizzes.Attempts;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>Grading of every kind, with partial credit, normalising, manual grading and malformed answers (pure).</summary>
public sealed class QuestionGradingTests
{
    private static QuestionPart Single() => new()
    {
        Kind = QuestionKinds.Single, Explanation = "x",
        Choices = [new() { Text = "客户经理" }, new() { Text = "交付经理", Correct = true }, new() { Text = "解决方案经理" }],
    };

    // 3 right (0, 1, 3) and 2 wrong (2, 4).
    private static QuestionPart Multiple() => new()
    {
        Kind = QuestionKinds.Multiple, Explanation = "x",
        Choices = [new() { Text = "a", Correct = true }, new() { Text = "b", Correct = true }, new() { Text = "c" }, new() { Text = "d", Correct = true }, new() { Text = "e" }],
    };

    private static QuestionPart Ordering(int n = 4) => new()
    {
        Kind = QuestionKinds.Ordering, Explanation = "x", Items = Enumerable.Range(0, n).Select(i => $"item {i}").ToList(),
    };

    private static QuestionPart Short(bool manual = false, bool caseSensitive = false, KeywordRule? keywords = null, params string[] accepted) => new()
    {
        Kind = QuestionKinds.Short, Explanation = "x", Accepted = [.. accepted], ManualWhenUndecided = manual, CaseSensitive = caseSensitive, Keywords = keywords,
    };

    private static Grade G(QuestionPart q, QuestionResponse? r) => QuestionGrading.Grade(q, r);

    [Fact]
    public void Single_choice_is_right_only_for_the_correct_option()
    {
        Assert.Equal(Grade.Right, G(Single(), new() { Choice = 1 }));
        Assert.Equal(Grade.Wrong, G(Single(), new() { Choice = 0 }));
        Assert.Equal(Grade.Wrong, G(Single(), new() { Choice = 2 }));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(3)]
    [InlineData(int.MaxValue)]
    public void Single_choice_out_of_range_is_wrong_not_an_exception(int choice) => Assert.Equal(Grade.Wrong, G(Single(), new() { Choice = choice }));

    [Fact]
    public void Null_and_empty_responses_earn_nothing_for_every_kind()
    {
        foreach (var q in new[] { Single(), Multiple(), Ordering(), Short(manual: true, accepted: "苏丹"), new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = false } })
        {
            Assert.Equal(Grade.Wrong, G(q, null));
            Assert.Equal(Grade.Wrong, G(q, new QuestionResponse()));
        }
        Assert.Equal(Grade.Wrong, G(Multiple(), new() { Choices = [] }));
        Assert.Equal(Grade.Wrong, G(Ordering(), new() { Order = [] }));
        Assert.Equal(Grade.Wrong, G(Short(manual: true, accepted: "苏丹"), new() { Text = "   " })); // empty is wrong, not "ask a trainer"
    }

    [Theory]
    [InlineData(new[] { 0, 1, 3 }, 1.0)]            // all right, nothing else
    [InlineData(new[] { 3, 0, 1 }, 1.0)]            // order of picks does not matter
    [InlineData(new[] { 0, 1 }, 0.666667)]          // 2/3
    [InlineData(new[] { 0 }, 0.333333)]             // 1/3
    [InlineData(new[] { 0, 1, 3, 2 }, 0.5)]         // 3/3 − 1/2
    [InlineData(new[] { 0, 2 }, 0.0)]               // 1/3 − 1/2 < 0 → 0
    [InlineData(new[] { 0, 1, 2, 3, 4 }, 0.0)]      // everything: 1 − 1
    [InlineData(new[] { 2, 4 }, 0.0)]               // only wrong ones
    public void Multiple_choice_gives_partial_credit_right_over_right_minus_wrong_over_wrong(int[] picked, double expected)
    {
        var grade = G(Multiple(), new() { Choices = [.. picked] });
        Assert.False(grade.NeedsManual);
        Assert.Equal(expected, grade.Fraction, 5);
    }

    [Fact]
    public void Multiple_choice_with_every_option_right_has_no_penalty_term()
    {
        var q = new QuestionPart { Kind = QuestionKinds.Multiple, Choices = [new() { Text = "a", Correct = true }, new() { Text = "b", Correct = true }] };
        Assert.Equal(0.5, G(q, new() { Choices = [1] }).Fraction);
        Assert.Equal(1, G(q, new() { Choices = [0, 1] }).Fraction);
    }

    [Theory]
    [InlineData(new[] { 0, 0, 1 })]   // the same option twice
    [InlineData(new[] { 0, 1, 5 })]   // no option 5
    [InlineData(new[] { -1, 0 })]
    public void Multiple_choice_malformed_answers_are_wrong(int[] picked) => Assert.Equal(Grade.Wrong, G(Multiple(), new() { Choices = [.. picked] }));

    [Fact]
    public void True_false_compares_the_value()
    {
        var q = new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = false, Explanation = "x" };
        Assert.Equal(Grade.Right, G(q, new() { Value = false }));
        Assert.Equal(Grade.Wrong, G(q, new() { Value = true }));
        Assert.Equal(Grade.Wrong, G(q, new() { Choice = 0 })); // a field of another kind is no answer
        Assert.Equal(Grade.Wrong, G(new QuestionPart { Kind = QuestionKinds.TrueFalse }, new() { Value = false })); // no right value stored
    }

    [Theory]
    [InlineData(new[] { 0, 1, 2, 3 }, 1.0)]
    [InlineData(new[] { 3, 2, 1, 0 }, 0.0)]         // reversed: no pair in order
    [InlineData(new[] { 3, 0, 1, 2 }, 0.666667)]    // last moved to the front: (0,1) (1,2) kept
    [InlineData(new[] { 1, 0, 2, 3 }, 0.333333)]    // first two swapped: only (2,3)
    [InlineData(new[] { 0, 1, 3, 2 }, 0.333333)]    // (0,1) kept
    [InlineData(new[] { 2, 3, 0, 1 }, 0.666667)]    // two blocks: (2,3) (0,1)
    public void Ordering_credits_the_share_of_adjacent_pairs_in_the_right_order(int[] order, double expected) =>
        Assert.Equal(expected, G(Ordering(), new() { Order = [.. order] }).Fraction, 5);

    [Theory]
    [InlineData(new[] { 0, 1, 2 })]        // an item left out
    [InlineData(new[] { 0, 1, 2, 3, 0 })]  // too many
    [InlineData(new[] { 0, 1, 1, 3 })]     // an item twice
    [InlineData(new[] { 0, 1, 2, 4 })]     // no item 4
    public void Ordering_that_is_not_a_permutation_is_wrong(int[] order) => Assert.Equal(Grade.Wrong, G(Ordering(), new() { Order = [.. order] }));

    [Fact]
    public void Ordering_of_two_items_is_all_or_nothing() =>
        Assert.Equal((1.0, 0.0), (G(Ordering(2), new() { Order = [0, 1] }).Fraction, G(Ordering(2), new() { Order = [1, 0] }).Fraction));

    [Theory]
    [InlineData("V2MOM")]
    [InlineData("v2mom")]
    [InlineData("  v2MoM  ")]
    [InlineData("Ｖ２ＭＯＭ")]      // full-width letters and digits
    [InlineData("V2MOM。")]          // sentence punctuation at the end
    [InlineData("V2MOM.")]
    public void Short_answers_are_normalised_before_comparing(string answer) => Assert.Equal(Grade.Right, G(Short(accepted: "V2MOM"), new() { Text = answer }));

    [Fact]
    public void Short_answer_list_whitespace_case_sensitivity_and_chinese()
    {
        var q = Short(accepted: ["苏丹代表处", "苏丹", "joint deal review"]);
        Assert.Equal(Grade.Right, G(q, new() { Text = "苏丹" }));
        Assert.Equal(Grade.Right, G(q, new() { Text = " 苏丹代表处 " }));
        Assert.Equal(Grade.Right, G(q, new() { Text = "Joint   deal\treview" }));
        Assert.Equal(Grade.Wrong, G(q, new() { Text = "北非" }));
        Assert.Equal(Grade.Wrong, G(q, new() { Text = "jointdeal review" }));

        var sensitive = Short(caseSensitive: true, accepted: "CRM");
        Assert.Equal(Grade.Right, G(sensitive, new() { Text = "ＣＲＭ" }));
        Assert.Equal(Grade.Wrong, G(sensitive, new() { Text = "crm" }));
    }

    [Fact]
    public void Keyword_rule_needs_every_all_word_and_min_any_of_the_any_words()
    {
        var rule = new KeywordRule { All = ["反馈"], Any = ["频繁", "及时", "双向", "具体"], MinAny = 2 };
        var q = Short(keywords: rule);
        Assert.Equal(Grade.Right, G(q, new() { Text = "需要频繁、双向的反馈" }));
        Assert.Equal(Grade.Wrong, G(q, new() { Text = "需要频繁的反馈" }));          // one any word
        Assert.Equal(Grade.Wrong, G(q, new() { Text = "需要频繁、及时地沟通" }));    // no all word
        Assert.Equal(Grade.Right, G(Short(keywords: new KeywordRule { All = ["Deal", "review"] }), new() { Text = "a joint DEAL REVIEW first" }));
    }

    [Fact]
    public void Undecided_short_answers_go_to_a_trainer_only_when_asked()
    {
        var rule = new KeywordRule { Any = ["what", "why"], MinAny = 2 };
        Assert.Equal(Grade.Manual, G(Short(manual: true, keywords: rule), new() { Text = "A position is the demand." }));
        Assert.True(G(Short(manual: true, keywords: rule), new() { Text = "A position is the demand." }).NeedsManual);
        Assert.Equal(Grade.Wrong, G(Short(manual: false, keywords: rule), new() { Text = "A position is the demand." }));
        // What the rule or an accepted answer decides is never sent to a trainer.
        Assert.Equal(Grade.Right, G(Short(manual: true, keywords: rule), new() { Text = "What they ask for, and why." }));
        Assert.Equal(Grade.Right, G(Short(manual: true, accepted: "5"), new() { Text = "5" }));
        Assert.Equal(Grade.Manual, G(Short(manual: true, accepted: "5"), new() { Text = "五天" }));
    }

    [Fact]
    public void An_unknown_kind_earns_nothing() => Assert.Equal(Grade.Wrong, G(new QuestionPart { Kind = "essay" }, new() { Text = "x" }));

    [Fact]
    public void The_seed_style_rules_refuse_repeated_options_and_items()
    {
        var q = Single();
        q.Choices.Add(new QuestionChoice { Text = " 交付经理 " });
        Assert.Contains(QuestionRules.Validate(q), e => e.Field == "choices[3].text");
        var ordering = Ordering();
        ordering.Items.Add("ITEM 1");
        Assert.Contains(QuestionRules.Validate(ordering), e => e.Field == "items[4]");
        Assert.Contains(QuestionRules.Validate(new QuestionPart { Kind = QuestionKinds.TrueFalse, Answer = true, Explanation = "x", SourceSection = "discover" }),
            e => e.Field == "sourceSection");
        Assert.Empty(QuestionRules.Validate(Multiple()));
    }
}
