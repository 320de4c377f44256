using System.Text.Json;

namespace Mesos.Orleans.Runtime.State;

/// <summary>Stores state as UTF-8 JSON, readable with the database's own tools.</summary>
public sealed class JsonStateSerializer(JsonSerializerOptions options) : IStateSerializer
{
    /// <inheritdoc />
    public byte[] Serialize<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, options);

    /// <inheritdoc />
    public T Deserialize<T>(byte[] payload) =>
        JsonSerializer.Deserialize<T>(payload, options) ?? throw new JsonException($"stored {typeof(T).Name} is null");
}
