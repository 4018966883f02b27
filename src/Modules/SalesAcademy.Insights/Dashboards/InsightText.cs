using Microsoft.Extensions.Localization;

namespace SalesAcademy.Insights.Dashboards;

/// <summary>Names defined in code (measure names, withheld reasons, refusals), in the reader's language, for the views.</summary>
public sealed class InsightText(IStringLocalizer<InsightsModule> t)
{
    public string Measure(string key) => t.GetString(MeasureNames.Of(key));

    /// <summary>A withheld value's reason (a PO msgid stored with it); a generic text when none was stored.</summary>
    public string Reason(string? msgid) => string.IsNullOrWhiteSpace(msgid) ? t["Too few inputs."] : t.GetString(msgid);

    /// <summary>An English PO msgid with optional arguments (a refusal).</summary>
    public string Message(string msgid, params object?[] args) => t.GetString(msgid, args!);
}
