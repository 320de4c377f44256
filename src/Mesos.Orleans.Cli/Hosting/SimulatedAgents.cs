using System.Globalization;
using Mesos.Orleans.Agent.Channel;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Core.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// <c>agent --simulate N</c>: N agents that run nothing (<see cref="SimulatedAgent"/>) in one process, over the same
/// HTTP channel as real ones: one <see cref="HttpMasterChannel"/> for all, one endpoint whose routes name the agent
/// (<c>/sim/{n}/api/v1/agent/launch</c>), and one loop that pings them all a bounded number at a time — no thread or
/// timer per agent. For trying the master at scale.
/// </summary>
internal static partial class SimulatedAgents
{
    // As many pings at once as the channel keeps connections to the master, so a round of 10,000 agents ends well
    // within the master's unreachable timeout even while it is busy.
    private const int Concurrency = HttpMasterChannel.MaxConnections;

    /// <summary>What a simulated agent offers unless <c>--resources</c> says otherwise.</summary>
    public static readonly ResourceSet DefaultResources = ResourceSet.Parse("cpus:8;mem:16384;disk:100000;ports:[31000-32000]");

    /// <summary>Starts the endpoint and registers every agent (those that fail register on the first ping round).</summary>
    public static async Task<(WebApplication App, IReadOnlyList<SimulatedAgent> Agents)> StartAsync(AgentSettings settings, int count, CancellationToken cancellationToken)
    {
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(sp => new HttpMasterChannel(
            settings.Masters, settings.AgentToken, sp.GetRequiredService<ILoggerFactory>().CreateLogger<HttpMasterChannel>()));
        var app = builder.Build();
        var channel = app.Services.GetRequiredService<HttpMasterChannel>();
        var hostname = settings.Hostname ?? System.Net.Dns.GetHostName();
        var root = settings.Advertise.ToString().TrimEnd('/');
        var agents = Enumerable.Range(0, count).Select(i => new SimulatedAgent(
            channel, string.Create(CultureInfo.InvariantCulture, $"{hostname}-sim-{i:D5}"), settings.Resources ?? DefaultResources, TimeProvider.System)
        {
            Attributes = settings.Attributes,
            Containerizers = settings.Containerizers ?? ["process", "docker"],
            Endpoint = string.Create(CultureInfo.InvariantCulture, $"{root}/sim/{i}"),
        }).ToList();
        app.MapAgentApi("/sim/{agent}", context =>
            int.TryParse((string?)context.Request.RouteValues["agent"], NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < agents.Count ? agents[i] : null,
            settings.AgentToken);
        await app.StartAsync(cancellationToken);
        await PingRoundAsync(agents, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatedAgents).FullName!), cancellationToken);
        return (app, agents);
    }

    /// <summary>
    /// Pings every agent each heartbeat interval until cancelled (registering those the master asks to); after a
    /// round some agents could not reach a master, the next comes as soon as a real agent's would.
    /// </summary>
    public static async Task PingAsync(IReadOnlyList<SimulatedAgent> agents, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var started = TimeProvider.System.GetTimestamp();
            var answered = await PingRoundAsync(agents, logger, cancellationToken);
            var wait = AgentOptions.NextPingAfter(agents[0].HeartbeatInterval, answered) - TimeProvider.System.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
        }
    }

    // False when some agent could not reach a master.
    private static async Task<bool> PingRoundAsync(IReadOnlyList<SimulatedAgent> agents, ILogger logger, CancellationToken cancellationToken)
    {
        var failures = 0;
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (agent, token) =>
        {
            try
            {
                await agent.PingAsync(token);
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref failures);
            }
        });
        if (failures > 0)
        {
            LogPingsFailed(logger, failures, agents.Count);
        }

        return failures == 0;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failures} of {Count} simulated agents could not reach a master; retrying")]
    private static partial void LogPingsFailed(ILogger logger, int failures, int count);
}
