using System.CommandLine;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Cli.Client;
using System.Text.Json;
using Mesos.Orleans.Cli.Hosting;
using Mesos.Orleans.Cli.Output;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Telemetry.Export;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>up</c>: runs a master and one local agent in this process on SQLite, until Ctrl-C. Tasks keep running when
/// it stops and are re-adopted by the next <c>up</c> on the same data directory.
/// </summary>
internal static class UpCommand
{
    public static Command Create(CliContext cli)
    {
        var dataDir = new Option<string>("--data-dir") { Description = "Where state, sandboxes and logs live", DefaultValueFactory = _ => UpSettings.DefaultDataDirectory };
        var listen = new Option<string>("--listen") { Description = "Where the API listens", DefaultValueFactory = _ => "127.0.0.1:5050" };
        var apply = new Option<string?>("--apply") { Description = "A manifest file or directory to apply once the system is ready" };
        var resources = new Option<string?>("--resources") { Description = "What the agent offers, as Mesos writes it: cpus:2;mem:4096;ports:[31000-32000] (default: the machine's)" };
        var attributes = new Option<string?>("--attributes") { Description = "The agent's attributes: rack:a;zone:1" };
        var hostname = new Option<string?>("--hostname") { Description = "The agent's hostname ($HOST of its tasks)" };
        var containerizers = new Option<string?>("--containerizers") { Description = ContainerizerChoice.Description };
        var tokenFile = new Option<string?>("--auth-token-file")
        {
            Description = "Bearer tokens of the API, one per line; turns authentication on (it is on anyway off loopback). "
                + "Created with a new token when missing (default <data-dir>/auth-token)",
        };
        var command = new Command("up", "Run a master and a local agent in this process (SQLite; the process and Docker containerizers)")
        {
            dataDir, listen, apply, resources, attributes, hostname, containerizers, tokenFile,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            if (!TryParseSettings(result, cli, dataDir, listen, apply, resources, attributes, hostname, out var settings))
            {
                return CliContext.Usage;
            }

            if (!ContainerizerChoice.TryParse(result.GetValue(containerizers), cli, out var kinds))
            {
                return CliContext.Usage;
            }

            settings = settings with { Containerizers = kinds, AuthTokenFile = result.GetValue(tokenFile) };

            return await RunAsync(cli, settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, UpSettings settings, CancellationToken cancellationToken)
    {
        if (DataDirectoryLock.TryAcquire(settings.DataDirectory, cli.Error) is not { } directoryLock)
        {
            return CliContext.Refused;
        }

        using (directoryLock)
        {
            try
            {
                settings = settings with { Authentication = UpAuthentication.Prepare(settings.DataDirectory, settings.Listen, settings.AuthTokenFile) };
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or UnauthorizedAccessException)
            {
                cli.Error.WriteLine($"Error: --auth-token-file: {e.Message}");
                return CliContext.Refused;
            }

            var (containerizers, docker) = await ContainerizerChoice.ResolveAsync(cli, settings.Containerizers, cancellationToken);
            using var dockerClient = docker?.Client;
            if (containerizers is null)
            {
                return CliContext.Refused;
            }

            // Before anything starts, so the first spans and measurements have a listener; disposed last, flushing.
            using var telemetry = OtlpExport.FromEnvironment("mesos-orleans");
            await using var app = await EmbeddedCluster.StartAsync(settings, containerizers, dockerClient, cancellationToken);
            var agent = app.Services.GetRequiredService<AgentService>();
            PrintBanner(cli.Output, settings, agent, docker);
            if (settings.Apply is { } manifests)
            {
                using var client = new MasterClient(settings.LocalServer, settings.Authentication.ClientToken);
                if (await ApplyCommand.ApplyAsync(cli, client, manifests, TextReader.Null, cancellationToken) == CliContext.Ok)
                {
                    await ShowTasksWhenRunningAsync(cli.Output, client, cancellationToken);
                }
            }

            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C.
            }

            cli.Output.WriteLine("Stopping…");
            await app.StopAsync(CancellationToken.None);
            cli.Output.WriteLine($"Stopped. {agent.RunningTaskCount} tasks keep running; the next `up` on {settings.DataDirectory} re-adopts them.");
        }

        return CliContext.Ok;
    }

    // Shows the applied apps working: waits (a while) for them to run, then prints their tasks.
    private static async Task ShowTasksWhenRunningAsync(TextWriter output, MasterClient client, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTimeOffset.UtcNow < deadline && !cancellationToken.IsCancellationRequested)
        {
            var apps = (await client.ListAsync("apis/v1/apps", cancellationToken))["items"]!.AsArray();
            var ready = apps.All(a => (int?)a!["status"]!["instances"]!["healthy"] == (int?)a["status"]!["instances"]!["desired"]);
            if (ready)
            {
                break;
            }

            await Task.Delay(200, cancellationToken);
        }

        var tasks = (await client.ListAsync("apis/v1/tasks", cancellationToken))["items"]!.AsArray()
            .Select(t => t.Deserialize<Contracts.Views.InstanceSnapshot>(Core.Serialization.Json.Options)!);
        Tables.Tasks(tasks, wide: false, DateTimeOffset.UtcNow).Write(output);
    }

    private static void PrintBanner(TextWriter o, UpSettings settings, AgentService agent, DockerEngineConnection? docker)
    {
        o.WriteLine("Mesos.Orleans is up.");
        o.WriteLine($"  API:    {settings.Listen}");
        o.WriteLine($"  Data:   {settings.DataDirectory}");
        o.WriteLine($"  Agent:  {agent.AgentId} offering {agent.Resources}; containerizers: {string.Join(", ", agent.Containerizers)}");
        if (docker is { Client: not null })
        {
            o.WriteLine($"  Docker: engine {docker.Version} at {docker.Endpoint}");
        }
        else if (docker is not null)
        {
            o.WriteLine($"  Docker: no engine at {docker.Endpoint} ({docker.Error}); Docker apps wait for an agent with docker");
        }

        var auth = settings.Authentication;
        o.WriteLine(auth.TokenFile is null
            ? "  Auth:   off (loopback only)"
            : $"  Auth:   bearer tokens from {auth.TokenFile}{(auth.TokenCreated ? " (a new token was generated there, mode 0600)" : "")}; use --token-file {auth.TokenFile}");
        o.WriteLine($"Try: mesos-orleans apply -f manifests/hello.yaml && mesos-orleans get tasks   (--server {settings.Listen})");
        o.WriteLine("Stop with Ctrl-C.");
    }

    private static bool TryParseSettings(
        ParseResult result, CliContext cli, Option<string> dataDir, Option<string> listen, Option<string?> apply,
        Option<string?> resources, Option<string?> attributes, Option<string?> hostname, out UpSettings settings)
    {
        settings = null!;
        ResourceSet? offered = null;
        if (result.GetValue(resources) is { } text)
        {
            if (!ResourceSet.TryParse(text, out var parsed, out var error))
            {
                cli.Error.WriteLine($"Error: --resources: {error}");
                return false;
            }

            offered = parsed;
        }

        if (!AttributeList.TryParse(result.GetValue(attributes), out var attrs, out var attrError))
        {
            cli.Error.WriteLine($"Error: --attributes: {attrError}");
            return false;
        }

        settings = new UpSettings
        {
            DataDirectory = Path.GetFullPath(result.GetValue(dataDir)!),
            Listen = CliContext.ResolveServer(result.GetValue(listen)),
            Apply = result.GetValue(apply),
            Resources = offered,
            Attributes = attrs,
            Hostname = result.GetValue(hostname),
        };
        return true;
    }
}
