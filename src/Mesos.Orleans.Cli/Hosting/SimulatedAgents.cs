using System.Globalization;
using Mesos.Orleans.Agent.Channel;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// <c>agent --simulate N</c>: N agents that run nothing (<see cref="SimulatedAgent"/>) in one process, over the same
/// HTTP channel as real ones: <see cref="HttpMasterChannel"/>s shared by all (one for pings and registrations, one for
/// status updates), one endpoint whose routes name the agent (<c>/sim/{n}/api/v1/agent/launch</c>), and one loop that
/// pings for them all, spread over the heartbeat interval — no thread or timer per agent. For trying the master at
/// scale.
/// </summary>
internal static partial class SimulatedAgents
{
    // As many registrations at once, when they all start, as the channel keeps connections to the master.
    private const int Concurrency = HttpMasterChannel.MaxConnections;

    // How often the heartbeat loop sends its next slice of pings.
    private static readonly TimeSpan PingTick = TimeSpan.FromMilliseconds(100);

    /// <summary>What a simulated agent offers unless <c>--resources</c> says otherwise.</summary>
    public static readonly ResourceSet DefaultResources = ResourceSet.Parse("cpus:8;mem:16384;disk:100000;ports:[31000-32000]");

    /// <summary>
    /// Starts the endpoint, the agents' pings (<see cref="SimulatedHeartbeats"/>: each agent once per heartbeat interval,
    /// spread over it, and again a second after an unanswered ping; they run until cancelled) and registers every
    /// agent. The pings start first: an agent registered early must not fall silent while the last ones register
    /// (50,000 take longer than the master's timeout); those that cannot register now do on their first ping.
    /// </summary>
    public static async Task<(WebApplication App, IReadOnlyList<SimulatedAgent> Agents, Task Pings)> StartAsync(AgentSettings settings, int count, CancellationToken cancellationToken)
    {
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(sp => new SplitMasterChannel(
            new HttpMasterChannel(settings.Masters, settings.AgentToken, sp.GetRequiredService<ILoggerFactory>().CreateLogger<HttpMasterChannel>()),
            new HttpMasterChannel(settings.Masters, settings.AgentToken, sp.GetRequiredService<ILoggerFactory>().CreateLogger<HttpMasterChannel>())));
        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SimulatedAgents).FullName!);
        var channel = app.Services.GetRequiredService<SplitMasterChannel>();
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
        var pings = SimulatedHeartbeats.RunAsync(agents, () => agents[0].HeartbeatInterval, PingTick, TimeProvider.System, cancellationToken,
            unanswered => LogPingsFailed(logger, unanswered, agents.Count));
        await RegisterAllAsync(agents, logger, cancellationToken);
        return (app, agents, pings);
    }

    // All at once, as a fleet of machines booting together; those that cannot register now do on their first ping.
    private static async Task RegisterAllAsync(List<SimulatedAgent> agents, ILogger logger, CancellationToken cancellationToken)
    {
        var failures = 0;
        await Parallel.ForEachAsync(agents, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken }, async (agent, token) =>
        {
            try
            {
                await agent.RegisterAsync(token);
            }
            catch (Exception e) when (e is not OutOfMemoryException && !token.IsCancellationRequested)
            {
                Interlocked.Increment(ref failures);
            }
        });
        if (failures > 0)
        {
            LogPingsFailed(logger, failures, agents.Count);
        }
    }

    // Pings and registrations on connections of their own, updates on others: a real agent's ping never waits behind
    // the status updates of 9,999 other agents, as it would in one shared pool of connections.
    private sealed class SplitMasterChannel(HttpMasterChannel control, HttpMasterChannel updates) : IMasterChannel, IDisposable
    {
        public void Dispose()
        {
            control.Dispose();
            updates.Dispose();
        }

        public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken) =>
            control.RegisterAsync(request, cancellationToken);

        public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
            control.HeartbeatAsync(request, cancellationToken);

        public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) =>
            updates.SendStatusUpdatesAsync(batch, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Failures} calls to the master went unanswered (of {Count} simulated agents); each agent tries again within a second")]
    private static partial void LogPingsFailed(ILogger logger, int failures, int count);
}
