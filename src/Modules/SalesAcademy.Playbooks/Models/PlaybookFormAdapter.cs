using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;
using SalesAcademy.Content.Services;

namespace SalesAcademy.Playbooks.Models;

/// <summary>
/// The editor shows RACI as a stages × roles grid: column j's role name is posted once (<c>grid.roles[j]</c>)
/// and each cell as <c>f.stages[i].raci[j].raci</c>. This names each filled cell's role and drops empty cells.
/// </summary>
internal sealed partial class PlaybookFormAdapter : IContentFormAdapter
{
    public string ContentType => PlaybooksModule.ContentType;

    public IEnumerable<KeyValuePair<string, StringValues>> Adapt(IEnumerable<KeyValuePair<string, StringValues>> form)
    {
        var fields = form.ToList();
        var roles = fields.Select(f => (Match: RoleColumn().Match(f.Key), f.Value)).Where(x => x.Match.Success)
            .ToDictionary(x => x.Match.Groups[1].Value, x => x.Value.ToString().Trim());
        var filled = fields.Select(f => (Match: Cell().Match(f.Key), f.Value))
            .Where(x => x.Match.Success && x.Value.ToString().Trim().Length > 0)
            .Select(x => (Stage: x.Match.Groups[1].Value, Column: x.Match.Groups[2].Value)).ToHashSet();
        foreach (var field in fields)
        {
            if (field.Key.StartsWith("grid.", StringComparison.Ordinal)) continue;
            var cell = CellField().Match(field.Key);
            if (cell.Success && !filled.Contains((cell.Groups[1].Value, cell.Groups[2].Value))) continue; // an empty cell
            yield return Cell().IsMatch(field.Key) ? new(field.Key, field.Value.ToString().Trim().ToUpperInvariant()) : field;
        }
        foreach (var (stage, column) in filled)
            yield return new($"f.stages[{stage}].raci[{column}].role", roles.GetValueOrDefault(column) ?? "");
    }

    [GeneratedRegex(@"^grid\.roles\[(\d{1,3})\]$")]
    private static partial Regex RoleColumn();

    [GeneratedRegex(@"^f\.stages\[(\d{1,3})\]\.raci\[(\d{1,3})\]\.raci$")]
    private static partial Regex Cell();

    [GeneratedRegex(@"^f\.stages\[(\d{1,3})\]\.raci\[(\d{1,3})\]\.")]
    private static partial Regex CellField();
}
