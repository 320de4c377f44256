using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Serialization;

/// <summary>The JSON conventions of the whole system: camelCase, enums as their wire names, no nulls written.</summary>
public static class Json
{
    /// <summary>Options for the API, the agent channel and stored state.</summary>
    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    /// <summary>The same, indented, for people to read.</summary>
    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    /// <summary>Serializes to UTF-8 bytes.</summary>
    public static byte[] ToBytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, Options);

    /// <summary>Deserializes UTF-8 bytes, failing when the payload is null.</summary>
    public static T FromBytes<T>(ReadOnlySpan<byte> bytes) =>
        JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new JsonException($"null payload for {typeof(T).Name}");

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = false,
        };
        options.Converters.Add(new RangeSetJsonConverter());
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
