using System.CommandLine;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Cli.Hosting;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Telemetry.Export;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>agent</c>: one machine's agent. It registers with whichever master leads, runs the tasks the master sends to
/// its endpoint, and reports them until acknowledged. Tasks keep running when it stops; the next start on the same
/// work directory re-adopts them.
/// </summary>
internal static class AgentCommand
{
    /// <summary>What the agent prints once it registered.</summary>
    public const string Banner = "Mesos.Orleans agent is up.";

    public static Command Create(CliContext cli)
    {
        var masters = new Option<string>("--master") { Description = "The masters' URLs, comma-separated: URL[,URL…]", Required = true };
        var listen = new Option<string>("--listen") { Description = "Where the agent's endpoint (launch, kill) listens", DefaultValueFactory = _ => "127.0.0.1:5051" };
        var advertise = new Option<string?>("--advertise") { Description = "The URL the master reaches this agent on (default: the listen address)" };
        var workDir = new Option<string>("--work-dir")
        {
            Description = "Where checkpoints, sandboxes and logs live",
            DefaultValueFactory = _ => Path.Combine(UpSettings.DefaultDataDirectory, "agent"),
        };
        var resources = new Option<string?>("--resources") { Description = "What the agent offers, as Mesos writes it: cpus:2;mem:4096;ports:[31000-32000] (default: the machine's)" };
        var attributes = new Option<string?>("--attributes") { Description = "The agent's attributes: rack:a;zone:1" };
        var hostname = new Option<string?>("--hostname") { Description = "The agent's hostname ($HOST of its tasks)" };
        var containerizers = new Option<string?>("--containerizers") { Description = ContainerizerChoice.Description };
        var agentToken = new Option<string?>("--agent-token") { Description = "The agent token: presented to the master, and required from it" };
        var agentTokenFile = new Option<string?>("--agent-token-file") { Description = "A file whose first line is the agent token" };
        var simulate = new Option<int?>("--simulate")
        {
            Description = "Run N simulated agents (they run nothing; their tasks go RUNNING at once) over the same HTTP channel, to try the master at scale",
        };
        var command = new Command("agent", "Run an agent: it joins the masters over HTTP and runs their tasks (the process and Docker containerizers)")
        {
            masters, listen, advertise, workDir, resources, attributes, hostname, containerizers, agentToken, agentTokenFile, simulate,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var problems = new List<string>();
            var urls = new List<Uri>();
            foreach (var text in result.GetValue(masters)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (MasterCommand.ParseUrl(text, "--master", problems) is { } url)
                {
                    urls.Add(url);
                }
            }

            if (urls.Count == 0 && problems.Count == 0)
            {
                problems.Add("--master: name at least one master URL");
            }

            var listenUri = CliContext.ResolveServer(result.GetValue(listen));
            var advertised = MasterCommand.ParseUrl(result.GetValue(advertise), "--advertise", problems);
            ResourceSet? offered = null;
            if (result.GetValue(resources) is { } text2)
            {
                if (ResourceSet.TryParse(text2, out var parsed, out var error))
                {
                    offered = parsed;
                }
                else
                {
                    problems.Add($"--resources: {error}");
                }
            }

            if (!AttributeList.TryParse(result.GetValue(attributes), out var attrs, out var attrError))
            {
                problems.Add($"--attributes: {attrError}");
            }

            var token = ReadToken(result.GetValue(agentToken), result.GetValue(agentTokenFile), problems);
            if (result.GetValue(simulate) is < 1)
            {
                problems.Add($"--simulate: must be at least 1, not {result.GetValue(simulate)}");
            }

            if (!ContainerizerChoice.TryParse(result.GetValue(containerizers), cli, out var kinds) || problems.Count > 0)
            {
                problems.ForEach(p => cli.Error.WriteLine($"Error: {p}"));
                return CliContext.Usage;
            }

            var settings = new AgentSettings
            {
                Masters = urls,
                Listen = listenUri,
                Advertise = ServerBuilder.Advertised(listenUri, advertised),
                WorkDirectory = Path.GetFullPath(result.GetValue(workDir)!),
                Resources = offered,
                Attributes = attrs,
                Hostname = result.GetValue(hostname),
                Containerizers = kinds,
                AgentToken = token,
            };
            return result.GetValue(simulate) is { } count
                ? await SimulateAsync(cli, settings, count, cancellationToken)
                : await RunAsync(cli, settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, AgentSettings settings, CancellationToken cancellationToken)
    {
        if (DataDirectoryLock.TryAcquire(settings.WorkDirectory, cli.Error) is not { } directoryLock)
        {
            return CliContext.Refused;
        }

        using (directoryLock)
        {
            var (containerizers, docker) = await ContainerizerChoice.ResolveAsync(cli, settings.Containerizers, cancellationToken);
            using var dockerClient = docker?.Client;
            if (containerizers is null)
            {
                return CliContext.Refused;
            }

            using var telemetry = OtlpExport.FromEnvironment("mesos-orleans-agent"); // before the agent starts, flushed last
            Microsoft.AspNetCore.Builder.WebApplication app;
            try
            {
                app = await AgentHost.StartAsync(settings, containerizers, dockerClient, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return CliContext.Ok;
            }
            catch (IOException e)
            {
                cli.Error.WriteLine($"Error: the agent could not start: {e.Message}");
                return CliContext.Refused;
            }

            await using (app)
            {
                var agent = app.Services.GetRequiredService<AgentService>();
                var o = cli.Output;
                o.WriteLine(Banner);
                o.WriteLine($"  Agent:    {agent.AgentId} offering {agent.Resources}; containerizers: {string.Join(", ", agent.Containerizers)}");
                o.WriteLine($"  Endpoint: {settings.Listen} (advertised as {settings.Advertise})");
                o.WriteLine($"  Masters:  {string.Join(", ", settings.Masters)}");
                o.WriteLine($"  Work dir: {settings.WorkDirectory}");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C.
                }

                o.WriteLine("Stopping…");
                await app.StopAsync(CancellationToken.None);
                o.WriteLine($"Stopped. {agent.RunningTaskCount} tasks keep running; the next agent on {settings.WorkDirectory} re-adopts them.");
            }
        }

        return CliContext.Ok;
    }

    private static async Task<int> SimulateAsync(CliContext cli, AgentSettings settings, int count, CancellationToken cancellationToken)
    {
        Microsoft.AspNetCore.Builder.WebApplication app;
        IReadOnlyList<Agent.Simulation.SimulatedAgent> agents;
        Task pings;
        try
        {
            (app, agents, pings) = await SimulatedAgents.StartAsync(settings, count, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliContext.Ok;
        }
        catch (IOException e)
        {
            cli.Error.WriteLine($"Error: the simulated agents could not start: {e.Message}");
            return CliContext.Refused;
        }

        await using (app)
        {
            var o = cli.Output;
            o.WriteLine(Banner);
            o.WriteLine($"  Simulating {count} agents ({agents.Count(a => a.AgentId is not null)} registered), each offering {agents[0].Resources}");
            o.WriteLine($"  Endpoint: {settings.Listen} (advertised as {settings.Advertise}, /sim/<n>)");
            o.WriteLine($"  Masters:  {string.Join(", ", settings.Masters)}");
            try
            {
                await pings;
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C.
            }

            o.WriteLine("Stopping…");
            await app.StopAsync(CancellationToken.None);
        }

        return CliContext.Ok;
    }

    private static string? ReadToken(string? inline, string? file, List<string> problems)
    {
        if (inline is not null)
        {
            if (string.IsNullOrWhiteSpace(inline))
            {
                problems.Add("--agent-token: must not be empty");
            }

            return inline.Trim();
        }

        if (file is null)
        {
            return null;
        }

        try
        {
            if (Master.Security.TokenFile.Read(file) is [var first, ..])
            {
                return first;
            }

            problems.Add($"--agent-token-file: {file} holds no token");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"--agent-token-file: cannot read {file}: {e.Message}");
        }

        return null;
    }
}
