using System.Text.Json;
using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Docker.Json;

/// <summary>Reads and writes a <see cref="VolumeBind"/> as the API's <c>source:target:mode</c> string.</summary>
internal sealed class VolumeBindJsonConverter : JsonConverter<VolumeBind>
{
    public override VolumeBind Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        try
        {
            return VolumeBind.Parse(reader.GetString() ?? "");
        }
        catch (FormatException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, VolumeBind value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
