using SalesAcademy.Content.Models;
using SalesAcademy.Content.Services;
using SalesAcademy.Core.Insights;
using SalesAcademy.Core.Security;
using SalesAcademy.Insights.Metrics;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Recommendations;

/// <summary>How a recommended item can be given to the team in one click; null: it is read, not assigned.</summary>
public enum AssignAs { QuizRound, DrillSession }

/// <summary>A playbook stage worth reading (its anchor on the playbook's page).</summary>
public sealed record StageLink(string Key, string Name, string Url);

/// <summary>A recommended published item. <see cref="Tagged"/>: it carries the weak topic's tag; otherwise the search index
/// found it related to the weak questions' (or criterion's) text.</summary>
public sealed record RecommendedItem(string ContentItemId, string ContentType, string Title, string Url, bool Tagged, AssignAs? Assign,
    IReadOnlyList<StageLink> Stages);

/// <summary>One weakness of the team and what to do about it. <see cref="Kind"/>: "topic" (a tag) or "criterion" (a rubric
/// criterion); <see cref="Value"/> on the measure's scale (mastery 0..1, drill score 1..5).</summary>
public sealed record Recommendation(string Kind, string Key, string Label, double Value, int Inputs, IReadOnlyList<WeakQuestion> Questions,
    IReadOnlyList<RecommendedItem> Items);

/// <summary>
/// Recommendations for a team: its weakest topics (lowest mastery by tag in its latest snapshot) and rubric criteria (lowest
/// drill score by criterion); for each, the published cases, playbooks (with their stages), drills and quizzes carrying the
/// topic's tag, then what the search index finds related to the team's lowest-scoring questions of that topic (or to the
/// criterion's name). Quizzes can be assigned as a quiz round, drills as a drill session.
/// </summary>
public sealed class Recommender(InsightSnapshots snapshots, PublishedContent published, ContentDefinitions definitions, ITeamDirectory teams,
    IWeakQuestions weakQuestions, IRelatedContent related)
{
    public const string CaseType = "CaseStudy";
    public const string PlaybookType = "Playbook";
    public const string DrillType = "Drill";
    public const string QuizType = "Quiz";
    public const int WeakestTopics = 3;
    public const int WeakestCriteria = 2;
    public const int ItemsPerWeakness = 8;
    private static readonly string[] ReadTypes = [CaseType, PlaybookType, DrillType];

    public async Task<IReadOnlyList<Recommendation>> ForTeamAsync(string teamId, CancellationToken ct = default)
    {
        var latest = (await snapshots.TeamAsync(teamId, ct: ct)).LastOrDefault();
        if (latest is null) return [];
        var taxonomy = await published.TaxonomyAsync();
        var members = (await teams.MembersAsync([teamId], ct)).Select(m => m.UserId).Distinct().ToList();
        var weakTopics = latest.All(InsightMeasures.Mastery).Where(v => v.Dimension.Length > 0 && v.Value is not null)
            .OrderBy(v => v.Value).ThenBy(v => v.Dimension, StringComparer.Ordinal).Take(WeakestTopics).ToList();
        var questions = weakTopics.Count == 0 ? new Dictionary<string, IReadOnlyList<WeakQuestion>>()
            : await weakQuestions.LowestByTagAsync(members, latest.PeriodStartUtc, latest.PeriodEndUtc, 3, ct);

        var result = new List<Recommendation>();
        foreach (var topic in weakTopics)
        {
            var weak = questions.GetValueOrDefault(topic.Dimension) ?? [];
            var items = await TaggedAsync(topic.Dimension);
            var text = string.Join('\n', weak.Select(q => q.Text));
            if (text.Length > 0) await AddRelatedAsync(items, text, ct);
            result.Add(new Recommendation("topic", topic.Dimension, taxonomy.Label(topic.Dimension), topic.Value!.Value, topic.Inputs, weak,
                items.Take(ItemsPerWeakness).ToList()));
        }
        var weakCriteria = latest.All(InsightMeasures.DrillCriterion).Where(v => v.Dimension.Length > 0 && v.Value is not null)
            .OrderBy(v => v.Value).ThenBy(v => v.Dimension, StringComparer.Ordinal).Take(WeakestCriteria).ToList();
        foreach (var criterion in weakCriteria)
        {
            var items = new List<RecommendedItem>();
            await AddRelatedAsync(items, criterion.Dimension, ct);
            result.Add(new Recommendation("criterion", criterion.Dimension, criterion.Dimension, criterion.Value!.Value, criterion.Inputs, [],
                items.Take(ItemsPerWeakness).ToList()));
        }
        return result;
    }

    /// <summary>Published cases, playbooks, drills and quizzes carrying the tag, drills and quizzes first (they can be assigned).</summary>
    private async Task<List<RecommendedItem>> TaggedAsync(string tag)
    {
        var items = new List<RecommendedItem>();
        foreach (var type in new[] { DrillType, QuizType, PlaybookType, CaseType })
            foreach (var item in (await published.ListAsync(type)).Where(i => i.As<TagsPart>().Tags.Contains(tag, StringComparer.Ordinal))
                         .OrderBy(i => i.DisplayText, StringComparer.CurrentCulture))
                items.Add(ToItem(item, tagged: true));
        return items;
    }

    private async Task AddRelatedAsync(List<RecommendedItem> items, string text, CancellationToken ct)
    {
        foreach (var hit in await related.ForTextAsync(text, ReadTypes, ItemsPerWeakness, ct))
        {
            if (items.Any(i => i.ContentItemId == hit.ContentItemId)) continue;
            if (await published.ByIdAsync(hit.ContentItemId) is { } item) items.Add(ToItem(item, tagged: false));
        }
    }

    private RecommendedItem ToItem(ContentItem item, bool tagged)
    {
        var url = definitions.UrlFor(item);
        var stages = item.ContentType == PlaybookType
            ? definitions.Anchors(item).Select(a => new StageLink(a.Key, a.Title, url + "#stage-" + a.Key)).ToList()
            : [];
        AssignAs? assign = item.ContentType switch { QuizType => AssignAs.QuizRound, DrillType => AssignAs.DrillSession, _ => null };
        return new RecommendedItem(item.ContentItemId, item.ContentType, item.DisplayText, url, tagged, assign, stages);
    }
}
