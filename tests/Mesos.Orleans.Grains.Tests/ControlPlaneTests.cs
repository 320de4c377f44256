using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>The control plane's loop end to end, with simulated agents: placement, failures, recovery.</summary>
public sealed class ControlPlaneTests : IAsyncLifetime
{
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private IFrameworkGrain Framework => _cluster.Plane.Runtime.GetGrain<IFrameworkGrain>(IFrameworkGrain.AppsFrameworkId);

    // Reports pass one way, agent to framework to app: a call to each, after them in its queue, returns once they are handled.
    private async Task Reported()
    {
        await Framework.GetAsync();
        foreach (var app in _cluster.Plane.View.Apps)
        {
            await _cluster.Plane.Runtime.GetGrain<IAppGrain>(app.Id.Path).GetAsync();
        }
    }

    [Fact]
    public async Task Apply_SpreadsInstancesOverAgents()
    {
        var a = await _cluster.AddAgentAsync("a");
        var b = await _cluster.AddAgentAsync("b");

        var outcome = await _cluster.ApplyAsync(AppManifests.App("spread", 4));
        Assert.Equal(ApplyResult.Created, outcome.Result);

        var running = await _cluster.RunningAsync("spread", 4);
        Assert.Equal(2, running.Count(i => i.Hostname == "a"));
        Assert.Equal(2, running.Count(i => i.Hostname == "b"));
        Assert.Equal(2, a.Running.Count);
        Assert.Equal(2, b.Running.Count);
    }

    [Fact]
    public async Task Apply_SameDefinitionTwiceChangesNothing()
    {
        await _cluster.AddAgentAsync("a");
        var first = await _cluster.ApplyAsync(AppManifests.App("same", 1));
        var second = await _cluster.ApplyAsync(AppManifests.App("same", 1));

        Assert.Equal(ApplyResult.Unchanged, second.Result);
        Assert.Equal(first.Generation, second.Generation);
    }

    [Fact]
    public async Task Scale_DownKillsTheYoungestFirst()
    {
        await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("young", 2));
        var first = await _cluster.RunningAsync("young", 2);
        await _cluster.App("young").ScaleAsync(3);
        var three = await _cluster.RunningAsync("young", 3);
        var youngest = three.Single(i => first.All(f => f.InstanceId != i.InstanceId));

        await _cluster.App("young").ScaleAsync(2);

        var left = await _cluster.RunningAsync("young", 2);
        Assert.DoesNotContain(left, i => i.InstanceId == youngest.InstanceId);
    }

    [Fact]
    public async Task FailedTask_IsReplacedAfterABackoffThatGrows()
    {
        var agent = await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("flaky", 1));

        for (var failure = 1; failure <= 3; failure++)
        {
            var task = (await _cluster.RunningAsync("flaky", 1)).Single();
            await agent.FailAsync(task.TaskId, exitCode: 1);
            await Eventually.Until(() => Task.FromResult(_cluster.Instances("flaky")),
                i => i.Count == 1 && i[0].TaskId != task.TaskId && i[0].State == "TASK_RUNNING", "a replacement");
            var app = await _cluster.App("flaky").GetAsync();
            Assert.Equal(1, app!.Status.LastFailure!.ExitCode);
        }

        var snapshot = await _cluster.App("flaky").GetAsync();
        Assert.NotNull(snapshot!.Status.LastFailure);
        Assert.Contains(snapshot.Events, e => e.Reason == "InstanceFailed");
    }

    [Fact]
    public async Task Reregistration_WithoutALaunchedTask_ReplacesIt()
    {
        var agent = await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("forgotten", 2));
        var before = await _cluster.RunningAsync("forgotten", 2);

        Assert.True(agent.Forget(before[0].TaskId));
        await agent.RegisterAsync(CancellationToken.None);

        var after = await Eventually.Until(() => Task.FromResult(_cluster.Instances("forgotten")),
            i => i.Count == 2 && i.All(x => x.State == "TASK_RUNNING") && i.All(x => x.TaskId != before[0].TaskId), "the forgotten task replaced");
        Assert.Contains(after, i => i.TaskId == before[1].TaskId);
        Assert.Equal(2, agent.Running.Count);
    }

    [Fact]
    public async Task Restart_OfTheControlPlane_ReadoptsTasksWithoutDuplicates()
    {
        var agent = await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("kept", 3));
        var before = await _cluster.RunningAsync("kept", 3);

        await _cluster.RestartAsync();

        var after = await _cluster.RunningAsync("kept", 3);
        Assert.Equal(before.Select(i => i.TaskId).Order(), after.Select(i => i.TaskId).Order());
        await Task.Delay(300); // give a wrong relaunch the time to show
        Assert.Equal(3, agent.Running.Count);
    }

    [Fact]
    public async Task Restart_ReportsTheAppKnows_WakeNoTaskGrain_AndNewsGoesThroughTheTasksGrain()
    {
        var agent = await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("known", 2));
        var before = await _cluster.RunningAsync("known", 2);
        var readsBefore = _cluster.Reads.ReadsOf("task");

        await _cluster.RestartAsync();
        await Reported();

        Assert.Equal(before.Select(i => i.TaskId).Order(), (await _cluster.RunningAsync("known", 2)).Select(i => i.TaskId).Order());
        Assert.Equal(readsBefore, _cluster.Reads.ReadsOf("task"));

        // A task that ended while no master listened: its report is news, so its task grain takes it in.
        var failed = agent.Running.First();
        Assert.True(agent.Forget(failed.TaskId));
        var end = TaskStatusUpdate.Of(failed.TaskId, failed.FrameworkId, failed.AppId, agent.AgentId!, TaskState.Failed, DateTimeOffset.UtcNow) with { ExitCode = 3 };
        await Framework.OnTasksReportedAsync(agent.AgentId!, "a", [new TaskReport(failed, end)]);
        await Reported();

        Assert.Equal(readsBefore + 1, _cluster.Reads.ReadsOf("task"));
        await Eventually.Until(() => Task.FromResult(_cluster.Instances("known")),
            i => i.Count == 2 && i.All(x => x.State == "TASK_RUNNING" && x.TaskId != failed.TaskId), "the failed task replaced");
        Assert.Equal(3, (await _cluster.App("known").GetAsync())!.Status.LastFailure!.ExitCode);
    }

    [Fact]
    public async Task Unplaceable_InstanceWaitsAndSaysWhy()
    {
        await _cluster.AddAgentAsync("a", "cpus:1.5;mem:4096;ports:[31000-31099]");
        await _cluster.ApplyAsync(AppManifests.App("big", 1, cpus: 2));

        var app = await Eventually.Until(() => _cluster.App("big").GetAsync(), a => a?.Status.PendingReason is not null, "a pending reason");
        Assert.Equal("needs 2 cpus, the largest offer has 1.5", app!.Status.PendingReason);
        Assert.Contains(app.Status.Conditions, c => c.Type == "Degraded" && c.Reason == "InsufficientResources");
    }

    [Fact]
    public async Task ConfigChange_RollsOverWithoutDroppingCapacity()
    {
        await _cluster.AddAgentAsync("a", "cpus:8;mem:8192;ports:[31000-31099]");
        await _cluster.ApplyAsync(AppManifests.App("rolling", 3, cmd: "v1"));
        var old = await _cluster.RunningAsync("rolling", 3);

        await _cluster.ApplyAsync(AppManifests.App("rolling", 3, cmd: "v2"));

        // With the defaults (min 1, max 1): never fewer than 3 running, never more than 6 instances.
        var final = await Eventually.Until(() =>
        {
            var now = _cluster.Instances("rolling");
            var serving = now.Count(i => i.State == "TASK_RUNNING" && !i.StopRequested);
            Assert.True(serving >= 3, $"capacity dropped to {serving}: {string.Join(", ", now.Select(i => $"{i.State}{(i.StopRequested ? " (stopping)" : "")}"))}");
            Assert.True(now.Count <= 6, $"{now.Count} instances exceed the ceiling of 6");
            return Task.FromResult(now);
        }, i => i.Count == 3 && i.All(x => x.State == "TASK_RUNNING" && x.ConfigGeneration == 2), "three instances of generation 2");
        Assert.DoesNotContain(final, i => old.Any(o => o.InstanceId == i.InstanceId));
    }

    [Fact]
    public async Task Delete_KillsEveryInstanceAndForgetsTheApp()
    {
        var agent = await _cluster.AddAgentAsync("a");
        await _cluster.ApplyAsync(AppManifests.App("doomed", 2));
        await _cluster.RunningAsync("doomed", 2);

        Assert.True(await _cluster.App("doomed").DeleteAsync());

        await Eventually.Until(() => agent.Running.Count == 0 && _cluster.Instances("doomed").Count == 0, "every instance killed");
        Assert.Null(await _cluster.App("doomed").GetAsync());
        await Eventually.Until(() => Task.FromResult(_cluster.Store.ListGrainKeysAsync("app", "app", CancellationToken.None).Result.Count),
            n => n == 0, "the app's state to be removed");
    }
}
