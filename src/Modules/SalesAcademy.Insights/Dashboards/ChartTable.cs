using System.Globalization;
using System.Text;
using System.Text.Json;
using SalesAcademy.Core.Data;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>How a <see cref="ChartTable"/> is drawn: a line or bar chart, a radar, or a heat map (the coloured table itself).</summary>
public enum ChartKind { Line, Bar, Radar, HeatMap }

/// <summary>One row of a chart's table: its label (a period, a team, a criterion) and one cell per column; null = no value.</summary>
public sealed record ChartRow(string Key, string Label, IReadOnlyList<double?> Cells);

/// <summary>
/// One chart of a dashboard and the accessible table behind it, in one shape: the canvas draws <see cref="Rows"/> ×
/// <see cref="Columns"/>, the table shows the same figures and the CSV download (<c>?csv=&lt;key&gt;</c> on the dashboard's
/// URL) writes them with the same formatting (<see cref="Format"/>). Labels are data or already localized.
/// </summary>
public sealed record ChartTable(string Key, ChartKind Kind, string Title, string Caption, string RowHeader, IReadOnlyList<string> Columns,
    IReadOnlyList<ChartRow> Rows, double Min = 0, double Max = 1)
{
    public bool Empty => Rows.Count == 0 || Rows.All(r => r.Cells.All(c => c is null));

    /// <summary>A figure as the table and the CSV show it: two decimals, invariant; "" for no value.</summary>
    public static string Format(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : "";

    /// <summary>The heat map's colour class for a cell: sa-heat-0 (lowest) … sa-heat-4 (highest), sa-heat-none when empty.</summary>
    public string HeatClass(double? value) => value is not { } v || Max <= Min ? "sa-heat-none"
        : "sa-heat-" + Math.Clamp((int)Math.Floor((v - Min) / (Max - Min) * 5), 0, 4).ToString(CultureInfo.InvariantCulture);

    /// <summary>RFC 4180 with a header row; the same figures as the table.</summary>
    public string Csv()
    {
        var text = new StringBuilder();
        text.Append(CsvField.Of(RowHeader));
        foreach (var column in Columns) text.Append(',').Append(CsvField.Of(column));
        text.Append("\r\n");
        foreach (var row in Rows)
        {
            text.Append(CsvField.Of(row.Label));
            foreach (var cell in row.Cells) text.Append(',').Append(Format(cell));
            text.Append("\r\n");
        }
        return text.ToString();
    }

    /// <summary>The canvas's data-chart JSON for insights-charts.js (a line or bar: one series per column over the rows;
    /// a radar: one series per column over the rows as axes).</summary>
    public string ChartJson() => JsonSerializer.Serialize(new
    {
        kind = Kind.ToString().ToLowerInvariant(),
        min = Min,
        max = Max,
        labels = Rows.Select(r => r.Label).ToList(),
        series = Columns.Select((c, i) => new { label = c, data = Rows.Select(r => i < r.Cells.Count ? r.Cells[i] : null).ToList() }).ToList(),
    });

    public byte[] CsvBytes() => Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv())).ToArray();
}
