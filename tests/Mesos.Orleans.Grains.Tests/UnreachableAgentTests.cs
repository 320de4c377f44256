using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>
/// An agent declared unreachable (as the liveness monitor does), its tasks replaced or kept by their app's
/// unreachableStrategy, and the agent coming back.
/// </summary>
public sealed class UnreachableAgentTests : IAsyncLifetime
{
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Unreachable_ByDefault_TasksAreReplacedAtOnce_AndKilledWhenTheAgentReturns()
    {
        var lost = await _cluster.AddAgentAsync("lost");
        var kept = await _cluster.AddAgentAsync("kept");
        await _cluster.ApplyAsync(AppManifests.App("web", 2));
        var before = await _cluster.RunningAsync("web", 2);
        var onLost = before.Single(i => i.Hostname == "lost");

        await Agent(lost).MarkUnreachableAsync(DateTimeOffset.UtcNow);

        var replaced = await Eventually.Until(() => Task.FromResult(_cluster.Instances("web")),
            i => i.Count == 2 && i.All(x => x.State == "TASK_RUNNING" && x.Hostname == "kept"), "both instances on the agent that answers");
        Assert.Equal("UNREACHABLE", _cluster.Plane.View.Agent(lost.AgentId!)!.Status);
        Assert.Single(lost.Running); // it does not know yet

        await lost.RegisterAsync(CancellationToken.None);

        Assert.Empty(lost.Running); // told to kill what was replaced
        Assert.Equal(2, kept.Running.Count);
        var after = await _cluster.RunningAsync("web", 2);
        Assert.Equal(replaced.Select(i => i.TaskId).Order(), after.Select(i => i.TaskId).Order());
        Assert.DoesNotContain(after, i => i.TaskId == onLost.TaskId);
        Assert.Equal("ACTIVE", _cluster.Plane.View.Agent(lost.AgentId!)!.Status);
    }

    [Fact]
    public async Task Unreachable_WithinInactiveAfter_TheInstanceWaits_AndRunsOnWhenTheAgentReturns()
    {
        var away = await _cluster.AddAgentAsync("away");
        await _cluster.AddAgentAsync("here");
        await _cluster.ApplyAsync(AppManifests.App("patient", 2, extra: "  unreachableStrategy: {inactiveAfterSeconds: 60, expungeAfterSeconds: 120}"));
        var before = await _cluster.RunningAsync("patient", 2);

        await Agent(away).MarkUnreachableAsync(DateTimeOffset.UtcNow);
        await Eventually.Until(() => Task.FromResult(_cluster.Instances("patient")),
            i => i.Count(x => x.State == "TASK_UNREACHABLE") == 1, "the instance on the silent agent unreachable");
        Assert.Equal(2, _cluster.Instances("patient").Count); // no replacement within inactiveAfterSeconds

        await away.RegisterAsync(CancellationToken.None);

        var after = await _cluster.RunningAsync("patient", 2);
        Assert.Equal(before.Select(i => i.TaskId).Order(), after.Select(i => i.TaskId).Order());
        Assert.Single(away.Running);
    }

    [Fact]
    public async Task Unreachable_AStaleVerdict_IsIgnored()
    {
        var agent = await _cluster.AddAgentAsync("busy");
        await _cluster.ApplyAsync(AppManifests.App("steady", 1));
        var before = await _cluster.RunningAsync("steady", 1);

        // Silent since before it registered: it registered again meanwhile, so it is not unreachable.
        await Agent(agent).MarkUnreachableAsync(DateTimeOffset.UtcNow.AddMinutes(-1));
        await Agent(agent).GetAsync(); // the one-way call has been handled

        Assert.Equal("ACTIVE", _cluster.Plane.View.Agent(agent.AgentId!)!.Status);
        Assert.Equal(before.Single().TaskId, (await _cluster.RunningAsync("steady", 1)).Single().TaskId);
    }

    private IAgentGrain Agent(Agent.Simulation.SimulatedAgent agent) => _cluster.Plane.Runtime.GetGrain<IAgentGrain>(agent.AgentId!);
}
