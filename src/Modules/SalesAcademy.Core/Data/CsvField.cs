namespace SalesAcademy.Core.Data;

/// <summary>One field of an RFC 4180 CSV download, safe to open in a spreadsheet.</summary>
public static class CsvField
{
    /// <summary>
    /// Quotes a field holding a comma, quote or line break (quotes doubled). A field a spreadsheet would run as a
    /// formula (=, +, -, @, tab or carriage return first: user text such as a name or a typed e-mail) gets a leading apostrophe.
    /// </summary>
    public static string Of(string? value)
    {
        if (string.IsNullOrEmpty(value)) return "";
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"") + "\"";
    }
}
