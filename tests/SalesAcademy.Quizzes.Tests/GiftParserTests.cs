using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Questions;

namespace SalesAcademy.Quizzes.Tests;

/// <summary>The GIFT reader on a good file (every supported construct) and a bad one (every refused construct, by line).</summary>
public sealed class GiftParserTests
{
    /// <summary>Every construct the importer supports. Line numbers matter: the tests name them.</summary>
    public const string GoodFile =
        "// A GIFT file for the iron triangle\n" +                                              // 1
        "$CATEGORY: $course$/top/iron-triangle\n" +                                             // 2
        "\n" +                                                                                  // 3
        "::FR role::[markdown]铁三角中的 **FR** 指的是哪个角色？{\n" +                              // 4
        "  =交付经理#对：FR \\= Fulfill Responsible\n" +                                        // 5
        "  ~客户经理#客户经理是 AR\n" +                                                            // 6
        "  ~解决方案经理\n" +                                                                    // 7
        "  ####FR 售前就评估交付可行性，签约后负责交付。\n" +                                        // 8
        "}\n" +                                                                                 // 9
        "\n" +                                                                                  // 10
        "// multiple choice with weights\n" +                                                   // 11
        "Which were causes of the lost deal?{\n" +                                              // 12
        "  ~%50%Information silos\n" +                                                          // 13
        "  ~%50%Goal misalignment\n" +                                                          // 14
        "  ~%-100%The price was too low#No: price was not the problem.\n" +                     // 15
        "  ####Silos and misaligned goals.\n" +                                                 // 16
        "}\n" +                                                                                 // 17
        "\n" +                                                                                  // 18
        "::TF::The CRM record held the staffing plan.{FALSE####It said only \"proposal sent\".}\n" + // 19
        "\n" +                                                                                  // 20
        "交付经理应当在售前阶段介入。{T}\n" +                                                       // 21
        "\n" +                                                                                  // 22
        "::Short::Salesforce 的目标管理方法叫什么？{=V2MOM =v2mom 方法 ####愿景、价值观、方法、障碍、衡量指标。}\n" + // 23
        "\n" +                                                                                  // 24
        "::Escapes\\: all of them::Use \\{braces\\}, a \\# hash, \\= equals and \\~ tilde.{=a \\= b ~c \\~ d}\n" + // 25
        "\n" +                                                                                  // 26
        "$CATEGORY: $course$/top/Not a tag\n" +                                                 // 27
        "[html]<p>Pick the accountable role in delivery.</p>{=Delivery manager ~Account manager}\n" + // 28
        "\n";

    [Fact]
    public void A_good_file_reads_every_supported_construct()
    {
        var result = GiftParser.Parse(GoodFile);
        Assert.Empty(result.Errors);
        Assert.Equal([4, 12, 19, 21, 23, 25, 28], result.Questions.Select(q => q.Line));

        var single = result.Questions[0];
        Assert.Equal("FR role", single.Title);
        Assert.Equal("zh-CN", single.Culture);
        Assert.Equal("铁三角中的 **FR** 指的是哪个角色？", single.Stem);
        Assert.Equal("$course$/top/iron-triangle", single.Category);
        Assert.Equal(QuestionKinds.Single, single.Part.Kind);
        Assert.Equal(["交付经理", "客户经理", "解决方案经理"], single.Part.Choices.Select(c => c.Text));
        Assert.Equal([true, false, false], single.Part.Choices.Select(c => c.Correct));
        Assert.Equal(["对：FR = Fulfill Responsible", "客户经理是 AR", null], single.Part.Choices.Select(c => c.Feedback));
        Assert.Equal("FR 售前就评估交付可行性，签约后负责交付。", single.Part.Explanation);
        Assert.Empty(QuestionRules.Validate(single.Part));

        var multiple = result.Questions[1];
        Assert.Equal(QuestionKinds.Multiple, multiple.Part.Kind);
        Assert.Equal("en", multiple.Culture);
        Assert.Equal("Which were causes of the lost deal?", multiple.Title); // no title: the stem
        Assert.Equal([true, true, false], multiple.Part.Choices.Select(c => c.Correct));
        Assert.Equal("No: price was not the problem.", multiple.Part.Choices[2].Feedback);
        Assert.Equal("Silos and misaligned goals.", multiple.Part.Explanation);

        var tf = result.Questions[2];
        Assert.Equal((QuestionKinds.TrueFalse, false, "It said only \"proposal sent\"."), (tf.Part.Kind, tf.Part.Answer!.Value, tf.Part.Explanation));
        var t = result.Questions[3];
        Assert.Equal((QuestionKinds.TrueFalse, true), (t.Part.Kind, t.Part.Answer!.Value));
        Assert.Equal("正确答案：对", t.Part.Explanation); // no general feedback: the default, with a warning
        Assert.Contains(result.Warnings, w => w.Line == 21 && w.Field == "explanation");

        var shortAnswer = result.Questions[4];
        Assert.Equal(QuestionKinds.Short, shortAnswer.Part.Kind);
        Assert.Equal(["V2MOM", "v2mom 方法"], shortAnswer.Part.Accepted);
        Assert.Equal("愿景、价值观、方法、障碍、衡量指标。", shortAnswer.Part.Explanation);

        var escapes = result.Questions[5];
        Assert.Equal("Escapes: all of them", escapes.Title);
        Assert.Equal("Use {braces}, a # hash, = equals and ~ tilde.", escapes.Stem);
        Assert.Equal(["a = b", "c ~ d"], escapes.Part.Choices.Select(c => c.Text));
        Assert.Equal("Right answer: a = b", escapes.Part.Explanation);

        var html = result.Questions[6];
        Assert.Equal("<p>Pick the accountable role in delivery.</p>", html.Stem); // kept; the Markdown pipeline sanitises it
        Assert.Equal("$course$/top/Not a tag", html.Category);
        Assert.All(result.Questions, q => Assert.Empty(QuestionRules.Validate(q.Part)));
    }

    /// <summary>Each refused construct, and good questions between them.</summary>
    public const string BadFile =
        "::Matching::Match the roles.{=AR -> 客户经理 =SR -> 解决方案经理 =FR -> 交付经理}\n" +   // 1 matching
        "\n" +                                                                                  // 2
        "::Good 1::铁三角有几个角色？{=3 =三}\n" +                                                // 3 good
        "\n" +                                                                                  // 4
        "How many stages has the playbook?{#5}\n" +                                             // 5 numerical
        "\n" +                                                                                  // 6
        "Write about your last deal.{}\n" +                                                     // 7 essay
        "\n" +                                                                                  // 8
        "The {=iron ~silver} triangle has three roles.\n" +                                     // 9 missing word
        "\n" +                                                                                  // 10
        "Just a description, no answers.\n" +                                                   // 11 no block
        "\n" +                                                                                  // 12
        "// a comment does not move the line numbers\n" +                                       // 13
        "Unclosed {=a ~b\n" +                                                                   // 14 unclosed
        "\n" +                                                                                  // 15
        "No right answer?{~a ~b}\n" +                                                           // 16 no right answer
        "\n" +                                                                                  // 17
        "::Good 2::Is the CRM the single source of truth?{TRUE####One record, one truth.}\n" +   // 18 good
        "\n" +                                                                                  // 19
        "::Unclosed title Stem{T}\n" +                                                          // 20 unclosed title
        "\n" +                                                                                  // 21
        "Bad weight{~%abc%a =b}\n" +                                                            // 22 bad weight
        "\n" +                                                                                  // 23
        "Two blocks {=a ~b} and {=c ~d}\n";                                                     // 24 two blocks

    [Fact]
    public void A_bad_file_reports_every_refused_question_by_its_line_and_keeps_the_good_ones()
    {
        var result = GiftParser.Parse(BadFile);
        Assert.Equal([3, 18], result.Questions.Select(q => q.Line));
        Assert.Equal(["3", "三"], result.Questions[0].Part.Accepted.Order(StringComparer.Ordinal));
        Assert.True(result.Questions[1].Part.Answer == true);

        var errors = result.Errors.ToDictionary(e => e.Line, e => e.Message);
        Assert.Equal([1, 5, 7, 9, 11, 14, 16, 20, 22, 24], errors.Keys.Order());
        Assert.Contains("matching", errors[1]);
        Assert.Contains("numerical", errors[5]);
        Assert.Contains("essay", errors[7]);
        Assert.Contains("missing-word", errors[9]);
        Assert.Contains("no answer block", errors[11]);
        Assert.Contains("not closed", errors[14]);
        Assert.Contains("no right answer", errors[16]);
        Assert.Contains("title", errors[20]);
        Assert.Contains("bad weight", errors[22]);
        Assert.Contains("more than one answer block", errors[24]);
    }

    [Fact]
    public void Crlf_line_ends_a_byte_order_mark_and_unknown_backslashes_are_handled()
    {
        var result = GiftParser.Parse("\uFEFF// c\r\n\r\nMarkdown keeps \\* stars.{=yes ~no}\r\n");
        var q = Assert.Single(result.Questions);
        Assert.Equal(3, q.Line);
        Assert.Equal("Markdown keeps \\* stars.", q.Stem);
        Assert.Equal(@"a\b", GiftParser.Unescape(@"a\\b"));
        Assert.Equal("a\nb", GiftParser.Unescape(@"a\nb"));
    }
}
