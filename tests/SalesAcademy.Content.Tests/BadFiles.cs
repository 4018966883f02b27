using static SalesAcademy.Content.Tests.TestContent;

namespace SalesAcademy.Content.Tests;

/// <summary>What a bad file must be reported as.</summary>
/// <param name="File">Relative path of the bad file.</param>
/// <param name="Id">The bad file's id (must not be stored unless it is in <paramref name="AlsoCreated"/>).</param>
/// <param name="Slug">The bad file's slug (must not be stored).</param>
/// <param name="AlsoCreated">Ids of other files written for this case that must be imported.</param>
internal sealed record BadFile(string File, int Line, string? Field, string MessagePart, string? Id, string? Slug, IReadOnlyList<string> AlsoCreated);

/// <summary>Small content folders: three good files that link to each other, plus one bad file of each kind.</summary>
internal static class BadFiles
{
    public static readonly string[] Kinds =
    [
        "yaml-syntax", "unknown-type", "missing-required-field", "invalid-value", "wrong-kind-of-value", "duplicate-id",
        "duplicate-slug", "unknown-tag", "unknown-industry", "industry-as-tag", "missing-reference", "rubric-weights", "unknown-field", "no-front-matter",
    ];

    public static string Case(string id, string slug, string extra = "", string company = "company: 测试公司 Test Co.\n", string outcome = "won",
        string tags = "tags: [iron-triangle, crm]\n", string type = "CaseStudy", string industry = "ict") =>
        $"""
        ---
        type: {type}
        id: {id}
        slug: {slug}
        culture: zh-CN
        title: 测试案例 {id}
        {tags}{company}industry: {industry}
        dealSize: large
        outcome: {outcome}
        roles: [AccountManager, SolutionManager]
        {extra}---
        ## 背景

        测试正文。
        """;

    public static string Playbook(string id, string slug, string drillId) =>
        $"""
        ---
        type: Playbook
        id: {id}
        slug: {slug}
        culture: zh-CN
        title: 测试流程 {id}
        tags: [sales-process]
        stages:
          - key: discover
            name: 商机发现
            raci:
              - role: AccountManager
                raci: A
                responsibilities: [维护客户关系]
              - role: SolutionManager
                raci: RC
        relatedDrills: [{drillId}]
        ---
        流程说明。
        """;

    public static string Drill(string id, string slug, string playbookId, int secondWeight = 40) =>
        $"""
        ---
        type: Drill
        id: {id}
        slug: {slug}
        culture: en
        title: Test drill {id}
        tags: [role-play]
        scenario: |
          A customer wants a date.
          The team must agree first.
        objectives: [Give one answer]
        durationMinutes: 30
        roles:
          - role: AccountManager
            brief: You know the customer.
        steps:
          - title: Prepare
            minutes: 10
        rubric:
          - criterion: Roles are clear
            weight: 60
            anchors: {"{"}1: Talk over each other, 3: Some hand-offs, 5: Seamless{"}"}
          - criterion: One answer
            weight: {secondWeight}
            anchors: {"{"}1: Contradictions, 3: Mostly aligned, 5: Fully aligned{"}"}
        relatedPlaybooks: [{playbookId}]
        ---
        Drill notes.
        """;

    /// <summary>Writes a good case, playbook and drill that reference each other; returns their ids.</summary>
    public static IReadOnlyList<string> WriteGoodFiles(string folder)
    {
        var (caseId, playbookId, drillId) = (NewId("case"), NewId("pb"), NewId("drill"));
        Write(folder, "cases/good.md", Case(caseId, caseId, extra: $"relatedPlaybooks: [{playbookId}]\nrelatedDrills: [{drillId}]\n"));
        Write(folder, "playbooks/good.md", Playbook(playbookId, playbookId, drillId));
        Write(folder, "drills/good.md", Drill(drillId, drillId, playbookId));
        return [caseId, playbookId, drillId];
    }

    public static BadFile WriteBad(string kind, string folder)
    {
        var id = NewId("bad");
        var slug = NewId("s");
        string text;
        BadFile Bad(string file, int line, string? field, string message, IReadOnlyList<string>? alsoCreated = null)
        {
            return new BadFile(file, line, field, message, id, slug, alsoCreated ?? []);
        }
        BadFile One(string file, string content, int line, string? field, string message)
        {
            Write(folder, file, content);
            return Bad(file, line, field, message);
        }

        switch (kind)
        {
            case "yaml-syntax":
                text = Case(id, slug, company: "company: 华为: 铁三角\n");
                return One("cases/bad.md", text, LineOf(text, "company:"), null, "YAML error");
            case "unknown-type":
                text = Case(id, slug, type: "Webinar");
                return One("cases/bad.md", text, LineOf(text, "type:"), "type", "unknown content type 'Webinar'");
            case "missing-required-field":
                text = Case(id, slug, company: "");
                return One("cases/bad.md", text, 2, "company", "is required"); // a missing field points at the front matter's first line
            case "unknown-industry":
                // An industry written as free text (as before industries were taxonomy terms) names the file, line and field.
                text = Case(id, slug, industry: "Logistics / IT services");
                return One("cases/bad.md", text, LineOf(text, "industry:"), "industry", "unknown industry 'Logistics / IT services'; use a key of group 'industry' in taxonomy.yaml: ");
            case "industry-as-tag":
                text = Case(id, slug, tags: "tags: [iron-triangle, saas]\n");
                return One("cases/bad.md", text, LineOf(text, "tags:"), "tags[1]", "unknown tag 'saas'");
            case "invalid-value":
                text = Case(id, slug, outcome: "maybe");
                return One("cases/bad.md", text, LineOf(text, "outcome:"), "outcome", "'maybe' must be one of won, lost, ongoing");
            case "wrong-kind-of-value":
                text = Case(id, slug, extra: "lessons: {a: b}\n");
                return One("cases/bad.md", text, LineOf(text, "lessons:"), "lessons", "wrong kind of value");
            case "duplicate-id":
            {
                var firstSlug = NewId("s");
                var first = Case(id, firstSlug);
                Write(folder, "cases/dup-a.md", first);
                text = Case(id, slug);
                return One("cases/dup-b.md", text, LineOf(text, "id:"), "id", $"duplicate id '{id}': also used by content/cases/dup-a.md:{LineOf(first, "id:")}")
                    with { AlsoCreated = [id] };
            }
            case "duplicate-slug":
            {
                var firstId = NewId("first");
                var first = Case(firstId, slug);
                Write(folder, "cases/dup-a.md", first);
                text = Case(id, slug);
                return One("cases/dup-b.md", text, LineOf(text, "slug:"), "slug", $"duplicate slug '{slug}': also used by content/cases/dup-a.md:{LineOf(first, "slug:")}")
                    with { AlsoCreated = [firstId], Slug = null };
            }
            case "unknown-tag":
                text = Case(id, slug, tags: "tags:\n  - iron-triangle\n  - no-such-tag\n  - crm\n");
                return One("cases/bad.md", text, LineOf(text, "  - no-such-tag"), "tags[1]", "unknown tag 'no-such-tag'");
            case "missing-reference":
                text = Case(id, slug, extra: "relatedPlaybooks:\n  - playbook-that-does-not-exist\n");
                return One("cases/bad.md", text, LineOf(text, "  - playbook-that-does-not-exist"), "relatedPlaybooks[0]", "refers to 'playbook-that-does-not-exist'");
            case "rubric-weights":
                text = Drill(id, slug, "playbook-unused", secondWeight: 30).Replace("relatedPlaybooks: [playbook-unused]\n", "");
                return One("drills/bad.md", text, LineOf(text, "rubric:"), "rubric", "the weights total 90");
            case "unknown-field":
                text = Case(id, slug, extra: "budget: 100\n");
                return One("cases/bad.md", text, LineOf(text, "budget:"), "budget", "unknown field");
            case "no-front-matter":
                return One("cases/bad.md", "# 只有正文\n\n没有 front matter。\n", 1, null, "must start with a '---' line");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
