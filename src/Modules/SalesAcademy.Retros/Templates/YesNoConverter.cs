using System.Text.Json;
using System.Text.Json.Serialization;

namespace SalesAcademy.Retros.Templates;

/// <summary>
/// Reads a yes/no field from YAML or JSON (<c>true</c>) and from the studio's form, where a checked box posts <c>"true"</c>.
/// The same rule as Quizzes' LenientBooleanConverter (a module may not reference another; it belongs in Content one day).
/// </summary>
internal sealed class YesNoConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when bool.TryParse(reader.GetString()?.Trim(), out var value) => value,
        _ => throw new JsonException("expected true or false"),
    };

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
