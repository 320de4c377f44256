using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Serialization;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Reads the app JSON of a <c>/v2/apps</c> request: parses it (400 with the position of a syntax error), merges a
/// partial update onto the current spec, and decodes it with every problem at its Marathon path (422).
/// </summary>
internal static class MarathonAppBody
{
    // What Marathon writes about an app besides its definition: a client that sends back what it read sends these too.
    private static readonly string[] ReadOnlyFields =
    [
        "version", "versionInfo", "tasksStaged", "tasksRunning", "tasksHealthy", "tasksUnhealthy", "deployments", "tasks",
        "lastTaskFailure", "taskStats", "readinessCheckResults",
    ];

    /// <summary>Parses the body; on a syntax error, the 400 to answer.</summary>
    public static async Task<(JsonNode? Node, IResult? Error)> ReadAsync(HttpRequest request)
    {
        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        try
        {
            var node = JsonNode.Parse(text);
            if (node is JsonObject obj)
            {
                foreach (var field in ReadOnlyFields)
                {
                    obj.Remove(field);
                }
            }

            return (node, null);
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" at line {line + 1}, column {e.BytePositionInLine + 1}" : "";
            var reason = e.Message.Split(" Path: ", 2)[0].Split(" LineNumber: ", 2)[0].TrimEnd('.', ' ');
            return (null, ApiResults.BadRequest("Invalid JSON", [new ApiErrorDetail("/", [reason + where])]));
        }
    }

    /// <summary>
    /// Marathon's partial update: the fields given replace those of <paramref name="current"/>; the others stay. A
    /// command replaces the other kind of command (<c>cmd</c> drops <c>args</c> and the other way round).
    /// </summary>
    public static JsonNode? Merge(AppSpec current, JsonNode? update)
    {
        if (update is not JsonObject fields)
        {
            return update; // not an object: decoding says so
        }

        var merged = JsonSerializer.SerializeToNode(current, Json.Options)!.AsObject();
        foreach (var (name, value) in fields)
        {
            merged[name] = value?.DeepClone();
        }

        if (fields.ContainsKey("cmd") && !fields.ContainsKey("args"))
        {
            merged.Remove("args");
        }
        else if (fields.ContainsKey("args") && !fields.ContainsKey("cmd"))
        {
            merged.Remove("cmd");
        }

        return merged;
    }

    /// <summary>Sets the app's id to the one in the URL (Marathon ignores another one in the body).</summary>
    public static JsonNode? WithId(JsonNode? node, AppId id)
    {
        if (node is JsonObject obj)
        {
            obj["id"] = id.Path;
        }

        return node;
    }

    /// <summary>Decodes an app; on problems, the 422 to answer with each at its Marathon path.</summary>
    public static (AppDefinition? Definition, IResult? Error) Decode(JsonNode? node)
    {
        var decoded = AppManifestDecoder.DecodeMarathonApp(node);
        return decoded.Definition is { } definition
            ? (definition, null)
            : (null, ApiResults.Invalid(decoded.Errors, p => p.ToMarathon()));
    }
}
