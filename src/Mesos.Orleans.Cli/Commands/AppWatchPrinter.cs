using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Cli.Client;
using Mesos.Orleans.Cli.Output;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>get apps -w</c>: follows the master's watch and prints each change as it comes — a table row with the event
/// first (the header once), or the object as JSON or YAML — until Ctrl-C.
/// </summary>
internal static class AppWatchPrinter
{
    public static async Task<int> RunAsync(CliContext cli, MasterClient client, string? name, string? format, CancellationToken cancellationToken)
    {
        var path = name is null ? "apis/v1/apps" : "apis/v1/apps/" + string.Join('/', name.Trim('/').Split('/').Select(Uri.EscapeDataString));
        var headerDone = false;
        try
        {
            await foreach (var line in client.WatchAsync(path, cancellationToken))
            {
                var type = (string?)line["type"] ?? "";
                var body = line["object"]!;
                if (type == "ERROR")
                {
                    cli.Error.WriteLine($"Error: the watch ended: {(string?)body["message"]}");
                    return CliContext.Refused;
                }

                Print(cli.Output, type, body, format, ref headerDone);
                await cli.Output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl-C ends a watch; that is how it is meant to end.
        }

        return CliContext.Ok;
    }

    private static void Print(TextWriter output, string type, JsonNode body, string? format, ref bool headerDone)
    {
        if (format == "json")
        {
            output.WriteLine(body.ToJsonString(Json.Indented));
            return;
        }

        if (format == "yaml")
        {
            output.WriteLine("---");
            YamlWriter.Write(body, output);
            return;
        }

        var app = body.Deserialize<AppResource>(Json.Options) ?? throw new ApiException($"unexpected answer: {body}");
        var table = new StringWriter();
        Tables.Apps([app], format == "wide", DateTimeOffset.UtcNow).Write(table);
        var lines = table.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (!headerDone)
        {
            output.WriteLine($"{"EVENT",-9}   {lines[0]}");
            headerDone = true;
        }

        output.WriteLine($"{type,-9}   {lines[1]}");
    }
}
