using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace SalesAcademy.Core.Data;

/// <summary>
/// Multi-row INSERTs where many rows are written at once (a notification fan-out of 10,000 in-app rows, the search log's
/// queued searches): EF's per-entity tracking and one statement per row cost seconds there. Tables, columns and value
/// conversions come from the EF model, so both providers get the same rows EF writes. Runs in the caller's transaction
/// (open one first); generated keys are not read back.
/// </summary>
public static class BulkInsert
{
    /// <summary>Parameters per statement: under SQLite's historical limit of 999.</summary>
    private const int MaxParameters = 900;

    public static async Task InsertAsync<T>(DbContext db, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var columns = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToList();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.GetColumnName(table)!)))}) VALUES ";
        var getters = columns.Select(c => (Get: c.GetGetter(), Converter: c.GetTypeMapping().Converter)).ToList();
        var perStatement = Math.Max(1, MaxParameters / columns.Count);
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction();

        foreach (var chunk in rows.Chunk(perStatement))
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            var n = 0;
            for (var r = 0; r < chunk.Length; r++)
            {
                text.Append(r == 0 ? "(" : ", (");
                for (var c = 0; c < getters.Count; c++)
                {
                    var value = getters[c].Get.GetClrValue(chunk[r]);
                    if (value is not null && getters[c].Converter is { } converter) value = converter.ConvertToProvider(value);
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = $"@p{n++}";
                    parameter.Value = value ?? DBNull.Value;
                    command.Parameters.Add(parameter);
                    text.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
