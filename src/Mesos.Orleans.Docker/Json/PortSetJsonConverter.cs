using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Docker.Json;

/// <summary>
/// Reads and writes the API's port sets (<c>{"8080/tcp": {}, "53/udp": {}}</c>) as a list of their keys.
/// </summary>
internal sealed class PortSetJsonConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a port set object, found {reader.TokenType}");
        }

        var ports = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            ports.Add(reader.GetString()!);
            reader.Read();
            reader.Skip();
        }

        return ports;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var port in value)
        {
            writer.WriteStartObject(port);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }
}
