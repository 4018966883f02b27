using System.Text.Json;
using System.Text.Json.Serialization;
using SalesAcademy.Quizzes.DailyReview;
using SalesAcademy.Quizzes.Statistics;

namespace SalesAcademy.Quizzes.Questions;

/// <summary>
/// Reads a yes/no field from YAML or JSON (<c>true</c>) and from the studio's form, where every value is text (a checked box
/// or radio posts <c>"true"</c>). Only true and false are accepted, in any letter case; anything else is a field error.
/// </summary>
public sealed class LenientBooleanConverter : JsonConverter<bool>
{
    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);

    internal static bool ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String when bool.TryParse(reader.GetString()?.Trim(), out var value) => value,
        _ => throw new JsonException("expected true or false"),
    };
}

/// <inheritdoc cref="LenientBooleanConverter"/>
public sealed class LenientNullableBooleanConverter : JsonConverter<bool?>
{
    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : LenientBooleanConverter.ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } v) writer.WriteBooleanValue(v);
        else writer.WriteNullValue();
    }
}
