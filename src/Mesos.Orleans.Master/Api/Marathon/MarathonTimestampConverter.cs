using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Marathon's timestamps: UTC, milliseconds, <c>Z</c> (<c>2015-09-25T15:13:48.343Z</c>).</summary>
internal sealed class MarathonTimestampConverter : JsonConverter<DateTimeOffset>
{
    /// <summary>Formats a timestamp as Marathon does.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(Format(value));
}
