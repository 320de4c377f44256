using System.Text.Json;
using System.Text.Json.Serialization;
using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Serialization;

/// <summary>Writes an <see cref="AppId"/> as its path, <c>"/team/web"</c>, and reads it back.</summary>
public sealed class AppIdJsonConverter : JsonConverter<AppId>
{
    /// <inheritdoc />
    public override AppId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        AppId.TryParse(reader.GetString(), out var id, out var error) ? id : throw new JsonException(error);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, AppId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Path);
}
