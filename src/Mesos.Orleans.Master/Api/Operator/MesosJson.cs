using System.Text.Json;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>The JSON conventions of Mesos' operator endpoints: the system's, with snake_case names.</summary>
internal static class MesosJson
{
    /// <summary>The options for every Mesos object.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(Json.Options) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
