using SalesAcademy.Content.Services;

namespace SalesAcademy.Content.Tests;

/// <summary>The address the studio suggests from a title: pinyin for Chinese, Latin words as they are.</summary>
public sealed class ContentSlugsTests
{
    [Theory]
    [InlineData("丢单复盘", "diu-dan-fu-pan")]
    [InlineData("华为铁三角：客户经理", "hua-wei-tie-san-jiao-ke-hu-jing-li")]
    [InlineData("CRM 上线 2024 复盘", "crm-shang-xian-2024-fu-pan")]
    [InlineData("Rôle play — Acme renewal, round two", "role-play-acme-renewal-round-two")]
    [InlineData("Q３ 目标", "q3-mu-biao")] // full-width digits are digits
    [InlineData("!!", "")]
    [InlineData("铁", "tie")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_title_gives_a_readable_address(string? title, string expected) => Assert.Equal(expected, ContentSlugs.FromTitle(title));

    [Fact]
    public void A_long_title_is_cut_between_words_within_the_limit()
    {
        var slug = ContentSlugs.FromTitle("跨部门协作中的信息孤岛问题与解决方案：从客户经理到交付经理的完整复盘");
        Assert.InRange(slug.Length, 3, ContentSlugs.MaxLength);
        Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", slug);
        Assert.StartsWith("kua-bu-men-xie-zuo", slug);
    }
}
