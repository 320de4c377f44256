using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Cli.Client;
using Mesos.Orleans.Cli.Output;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Cli.Commands;

/// <summary><c>get apps|tasks|agents|frameworks [NAME] [-o wide|json|yaml]</c>.</summary>
internal static class GetCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "apps, tasks, agents or frameworks" };
        kind.AcceptOnlyFromAmong(ObjectKinds.Names);
        var name = new Argument<string?>("name") { Description = "One object's name", Arity = ArgumentArity.ZeroOrOne };
        var output = OutputOption();
        var app = new Option<string?>("--app") { Description = "For tasks: only those of this app" };
        var watch = new Option<bool>("--watch", "-w") { Description = "For apps: after the list, print each change as it comes (Ctrl-C ends it)" };
        var command = new Command("get", "List objects, or show one") { kind, name, output, app, watch };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            var plural = ObjectKinds.Normalize(result.GetValue(kind)!)!;
            var one = result.GetValue(name);
            var format = result.GetValue(output);
            if (result.GetValue(watch))
            {
                if (plural != ObjectKinds.Apps)
                {
                    cli.Error.WriteLine("Error: --watch works with apps only.");
                    return CliContext.Usage;
                }

                using var watching = cli.Client(result);
                return await AppWatchPrinter.RunAsync(cli, watching, one, format, cancellationToken);
            }

            using var client = cli.Client(result);
            var path = plural switch
            {
                ObjectKinds.Apps => one is null ? "apis/v1/apps" : $"apis/v1/apps/{Escape(one)}",
                ObjectKinds.Tasks when one is null && result.GetValue(app) is { } filter => $"apis/v1/tasks?app={Uri.EscapeDataString(filter)}",
                _ => one is null ? $"apis/v1/{plural}" : $"apis/v1/{plural}/{Uri.EscapeDataString(one)}",
            };
            var body = await client.GetAsync(path, cancellationToken);
            Print(cli.Output, plural, body, one is null, format);
            return CliContext.Ok;
        }));
        return command;
    }

    public static Option<string?> OutputOption()
    {
        var output = new Option<string?>("--output", "-o") { Description = "wide, json or yaml" };
        output.AcceptOnlyFromAmong("wide", "json", "yaml");
        return output;
    }

    private static string Escape(string name) => string.Join('/', name.Trim('/').Split('/').Select(Uri.EscapeDataString));

    private static void Print(TextWriter output, string kind, JsonNode body, bool list, string? format)
    {
        if (format == "json")
        {
            output.WriteLine(body.ToJsonString(Json.Indented));
            return;
        }

        if (format == "yaml")
        {
            YamlWriter.Write(body, output);
            return;
        }

        var items = list ? body["items"]!.AsArray().Select(i => i!).ToList() : [body];
        var wide = format == "wide";
        var now = DateTimeOffset.UtcNow;
        var table = kind switch
        {
            ObjectKinds.Apps => Tables.Apps(items.Select(As<AppResource>), wide, now),
            ObjectKinds.Tasks => Tables.Tasks(items.Select(As<InstanceSnapshot>), wide, now),
            ObjectKinds.Agents => Tables.Agents(items.Select(As<AgentResource>), wide, now),
            _ => Tables.Frameworks(items.Select(As<FrameworkSnapshot>), now),
        };
        if (items.Count == 0)
        {
            output.WriteLine($"No {kind} found.");
        }

        table.Write(output);
    }

    private static T As<T>(JsonNode node) => node.Deserialize<T>(Json.Options) ?? throw new ApiException($"unexpected answer: {node}");
}
