using System.Text.Json;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// The JSON conventions of <c>/v2</c>: the system's (<see cref="Json.Options"/>: camelCase, no nulls), with timestamps
/// written as Marathon writes them (<c>2015-09-25T15:13:48.343Z</c>).
/// </summary>
internal static class MarathonJson
{
    /// <summary>The options for every Marathon object.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Json.Options);
        options.Converters.Add(new MarathonTimestampConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
