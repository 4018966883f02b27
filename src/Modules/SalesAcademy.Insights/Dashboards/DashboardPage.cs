using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SalesAcademy.Insights.Services;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>
/// What the three dashboards share: their charts (each with the table behind it) and the one CSV download shape,
/// <c>?csv=&lt;chart key&gt;</c> on the dashboard's own URL, so the download is authorized exactly like the page.
/// </summary>
public abstract class DashboardPage : PageModel
{
    public IReadOnlyList<ChartTable> Charts { get; protected set; } = [];
    /// <summary>The latest snapshot's indices, expanded into their components.</summary>
    public IReadOnlyList<IndexBreakdown> Indices { get; protected set; } = [];
    public InsightSnapshotView? Latest { get; protected set; }

    /// <summary>The chart's CSV, or 404 for an unknown key.</summary>
    protected IActionResult Csv(string key, string name) =>
        Charts.FirstOrDefault(c => c.Key == key) is { } chart
            ? File(chart.CsvBytes(), "text/csv; charset=utf-8", $"{name}-{chart.Key}.csv")
            : NotFound();

    /// <summary>The link to a chart's CSV: this page's path and query with csv=key.</summary>
    public string CsvUrl(string key)
    {
        var query = Request.Query.Where(q => q.Key != "csv").Select(q => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}")
            .Append("csv=" + Uri.EscapeDataString(key));
        return Request.Path + "?" + string.Join('&', query);
    }

    protected async Task LoadIndicesAsync(InsightSnapshots snapshots, IReadOnlyList<InsightSnapshotView> series, CancellationToken ct)
    {
        Latest = series.LastOrDefault();
        if (Latest is null) return;
        var versions = await snapshots.WeightsVersionsAsync(ct);
        Indices = IndexBreakdown.Of(Latest, versions.FirstOrDefault(v => v.Version == Latest.WeightsVersion)?.Weights);
    }
}
