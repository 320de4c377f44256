using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>
/// Which agents the master declares unreachable, on a clock the test moves: the silent ones, not those whose pings
/// are late behind the status updates they keep sending (a busy master, or many agents sharing one channel).
/// </summary>
public sealed class AgentLivenessTests : IAgentChannelFactory
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task AnAgentThatKeepsReporting_StaysActive_ASilentOneBecomesUnreachable()
    {
        var options = new ControlPlaneOptions { HeartbeatInterval = TimeSpan.FromSeconds(5), MaxMissedHeartbeats = 3 };
        await using var plane = new ControlPlane(new InMemoryGrainStateStore(), this, options, new GrainRuntimeOptions(), NullLoggerFactory.Instance, _time);
        await plane.StartAsync(CancellationToken.None);
        var reporting = await RegisterAsync(plane, "reporting");
        var silent = await RegisterAsync(plane, "silent");

        for (var second = 0; second < 20; second += 5)
        {
            _time.Advance(TimeSpan.FromSeconds(5));
            await plane.Gateway.SendStatusUpdatesAsync(new StatusUpdateBatch(reporting, []), CancellationToken.None);
        }

        plane.Liveness.Sweep();

        await Eventually.Until(() => plane.View.Agent(silent)?.Status == "UNREACHABLE", "the silent agent unreachable");
        Assert.Equal(AgentSnapshot.ActiveStatus, plane.View.Agent(reporting)?.Status);
    }

    public IAgentChannel Open(string agentId, string endpoint) => new NeverCalled();

    private static async Task<string> RegisterAsync(ControlPlane plane, string hostname) =>
        (await plane.Gateway.RegisterAsync(new RegisterAgentRequest
        {
            Hostname = hostname,
            Endpoint = "simulated://" + hostname,
            Resources = ResourceSet.Parse("cpus:1;mem:128"),
        }, CancellationToken.None)).AgentId;

    private sealed class NeverCalled : IAgentChannel
    {
        public Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no task is launched here");

        public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("no task is killed here");
    }
}
