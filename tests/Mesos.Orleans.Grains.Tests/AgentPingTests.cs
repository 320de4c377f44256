using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>Pings, which the master answers from its read model, and simulated agents that fail tasks or die.</summary>
public sealed class AgentPingTests : IAsyncLifetime
{
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private async Task<bool> PingAsync(string agentId) =>
        (await _cluster.Plane.Gateway.HeartbeatAsync(new HeartbeatRequest(agentId), CancellationToken.None)).Registered;

    [Fact]
    public async Task Ping_IsRegisteredOnlyForAnAgentRegisteredWithThisMaster()
    {
        var agent = await _cluster.AddAgentAsync("h1");
        Assert.True(await PingAsync(agent.AgentId!));
        Assert.False(await PingAsync("20260101-00000000000000000"));

        await _cluster.RestartAsync(reregister: false);

        // The new master knows the agent from the store, but it has not registered with it yet.
        Assert.False(await PingAsync(agent.AgentId!));
        await agent.PingAsync(CancellationToken.None); // told so, the agent registers again
        Assert.True(await PingAsync(agent.AgentId!));
    }

    [Fact]
    public async Task FailureShare_FailsTheTasksTheAgentStarts()
    {
        var agent = await _cluster.AddAgentAsync("h1");
        agent.FailureShare = 1;

        await _cluster.ApplyAsync(AppManifests.App("failing", 1, cpus: 0.1));

        var app = await Eventually.Until(() => _cluster.App("failing").GetAsync(), a => a?.Status.LastFailure is not null, "a failure");
        Assert.Equal("TASK_FAILED", app!.Status.LastFailure!.State);
        Assert.Equal(1, app.Status.LastFailure.ExitCode);
    }

    [Fact]
    public async Task DeadAgent_NoLongerPingsAndItsLaunchesAreDropped()
    {
        var agent = await _cluster.AddAgentAsync("h1");
        agent.Die();
        await agent.PingAsync(CancellationToken.None); // a dead agent does nothing, and does not fail

        await _cluster.ApplyAsync(AppManifests.App("stranded", 1, cpus: 0.1));

        var app = await Eventually.Until(() => _cluster.App("stranded").GetAsync(), a => a?.Status.LastFailure is not null, "a dropped launch");
        Assert.Equal("TASK_DROPPED", app!.Status.LastFailure!.State);
        Assert.Contains("does not answer", app.Status.LastFailure.Message, StringComparison.Ordinal);
        Assert.Empty(agent.Running);
    }
}
