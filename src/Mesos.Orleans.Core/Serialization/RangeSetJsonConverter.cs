using System.Text.Json;
using System.Text.Json.Serialization;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Serialization;

/// <summary>Writes a <see cref="RangeSet"/> in Mesos' text form, <c>"[31000-32000]"</c>, and reads it back.</summary>
public sealed class RangeSetJsonConverter : JsonConverter<RangeSet>
{
    /// <inheritdoc />
    public override RangeSet Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString() ?? "";
        return RangeSet.TryParse(text, out var set, out var error) ? set : throw new JsonException(error);
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, RangeSet value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
