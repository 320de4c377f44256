using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>Deployments: versions, rollback, restart, cancel, deadlines, kill selection, killing tasks.</summary>
public sealed class DeploymentTests : IAsyncLifetime
{
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ControlPlaneHarness.StartAsync();
        await _cluster.AddAgentAsync("a", "cpus:16;mem:16384;ports:[31000-31099]");
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private Task<AppSnapshot?> CompleteAsync(string app, long generation) =>
        Eventually.Until(() => _cluster.App(app).GetAsync(),
            a => a?.Status.Deployment is { Phase: DeploymentStatus.Complete } d && d.Generation == generation, $"generation {generation} deployed");

    [Fact]
    public async Task Rollback_ReturnsToThePreviousConfigAndKeepsItsInstances()
    {
        await _cluster.ApplyAsync(AppManifests.App("undo", 2, cmd: "v1"));
        await _cluster.RunningAsync("undo", 2);
        var scaled = await _cluster.App("undo").ScaleAsync(3);
        await CompleteAsync("undo", scaled!.Generation);
        await _cluster.ApplyAsync(AppManifests.App("undo", 3, cmd: "v2"));
        await Eventually.Until(() => Task.FromResult(_cluster.Instances("undo")), i => i.Count == 3 && i.All(x => x.ConfigGeneration == 3), "v2 rolled out");

        var outcome = await _cluster.App("undo").RollbackAsync(null);

        var app = await CompleteAsync("undo", outcome!.Generation);
        Assert.Equal("v1", app!.Definition.Spec.Cmd);
        Assert.Equal(3, app.Definition.Spec.Instances); // the config goes back, the scale stays
        Assert.Equal(1, app.ConfigGeneration); // the config of generation 1, which v1's instances run
        var versions = await _cluster.App("undo").GetVersionsAsync();
        Assert.Equal([4L, 3, 2, 1], versions.Select(v => v.Generation));
        await Assert.ThrowsAsync<ArgumentException>(() => _cluster.App("undo").RollbackAsync(99));
    }

    [Fact]
    public async Task Restart_ReplacesEveryInstanceWithTheSameSpec()
    {
        await _cluster.ApplyAsync(AppManifests.App("restart-me", 2));
        var before = await _cluster.RunningAsync("restart-me", 2);

        var outcome = await _cluster.App("restart-me").RestartAsync();

        await CompleteAsync("restart-me", outcome!.Generation);
        var after = await _cluster.RunningAsync("restart-me", 2);
        Assert.DoesNotContain(after, i => before.Any(b => b.InstanceId == i.InstanceId));
        Assert.All(after, i => Assert.Equal(outcome.Generation, i.ConfigGeneration));
    }

    [Fact]
    public async Task Cancel_RollsBackOrWithForceLeavesInstancesAsTheyAre()
    {
        await _cluster.ApplyAsync(AppManifests.App("cancel", 1, cpus: 1));
        var first = (await _cluster.RunningAsync("cancel", 1)).Single();

        // A new config that cannot be placed: the deployment hangs; cancelling rolls it back.
        await _cluster.ApplyAsync(AppManifests.App("cancel", 1, cmd: "v2", cpus: 64));
        var rollback = await _cluster.App("cancel").CancelDeploymentAsync(force: false);
        Assert.Equal("Rollback", rollback!.Kind); // the deployment that undoes it, as Marathon answers
        Assert.Contains((await _cluster.App("cancel").GetAsync())!.Events, e => e.Reason == "DeploymentRolledBack");
        var app = await CompleteAsync("cancel", 3);
        Assert.Equal("serve", app!.Definition.Spec.Cmd);
        Assert.Equal(first.InstanceId, (await _cluster.RunningAsync("cancel", 1)).Single().InstanceId);

        // Forced: the deployment stops where it is; the old instance keeps running.
        await _cluster.ApplyAsync(AppManifests.App("cancel", 1, cmd: "v3", cpus: 64));
        var forced = await _cluster.App("cancel").CancelDeploymentAsync(force: true);
        Assert.Equal(DeploymentStatus.Cancelled, forced!.Phase);
        await Eventually.Until(() => Task.FromResult(_cluster.Instances("cancel")),
            i => i.Count == 1 && i[0].InstanceId == first.InstanceId && i[0].State == "TASK_RUNNING", "the old instance alone");
    }

    [Fact]
    public async Task Deadline_FailsADeploymentThatDoesNotFinishInTime()
    {
        await _cluster.ApplyAsync(AppManifests.App("late", 1, extra: "  deploymentTimeoutSeconds: 0.5"));
        await CompleteAsync("late", 1);

        await _cluster.ApplyAsync(AppManifests.App("late", 1, cpus: 64, extra: "  deploymentTimeoutSeconds: 0.5"));

        var failed = await Eventually.Until(() => _cluster.App("late").GetAsync(), a => a?.Status.Deployment?.Phase == DeploymentStatus.Failed, "the deployment to fail");
        Assert.Contains(failed!.Status.Conditions, c => c.Type == "Progressing" && c.Status == "False" && c.Reason == "ProgressDeadlineExceeded");
        Assert.Equal(1, failed.Status.Instances.Healthy); // the old instance keeps serving
    }

    [Fact]
    public async Task Deadline_WithRollback_ReturnsToTheVersionBefore()
    {
        // The rollback keeps this deadline too: long enough that a loaded machine finishes it in time.
        const string rollback = "  deploymentTimeoutSeconds: 3\n  deploymentTimeoutAction: ROLLBACK";
        await _cluster.ApplyAsync(AppManifests.App("undo-late", 1, extra: rollback));
        var first = (await _cluster.RunningAsync("undo-late", 1)).Single();

        await _cluster.ApplyAsync(AppManifests.App("undo-late", 1, cpus: 64, extra: rollback));

        var app = await Eventually.Until(() => _cluster.App("undo-late").GetAsync(),
            a => a?.Status.Deployment is { Kind: "Rollback", Phase: DeploymentStatus.Complete }, "an automatic rollback that completes");
        Assert.Equal(1, app!.Definition.Spec.Cpus);
        Assert.Equal(first.InstanceId, (await _cluster.RunningAsync("undo-late", 1)).Single().InstanceId); // nothing restarted
    }

    [Fact]
    public async Task ScaleDown_WithOldestFirstKillsTheOldest()
    {
        await _cluster.ApplyAsync(AppManifests.App("oldest", 1, extra: "  killSelection: OLDEST_FIRST"));
        var oldest = (await _cluster.RunningAsync("oldest", 1)).Single();
        await _cluster.App("oldest").ScaleAsync(3);
        await _cluster.RunningAsync("oldest", 3);

        await _cluster.App("oldest").ScaleAsync(2);

        var left = await _cluster.RunningAsync("oldest", 2);
        Assert.DoesNotContain(left, i => i.InstanceId == oldest.InstanceId);
    }

    [Fact]
    public async Task KillTasks_ReplacesThemOrScalesDown()
    {
        await _cluster.ApplyAsync(AppManifests.App("killed", 3));
        var running = await _cluster.RunningAsync("killed", 3);

        await _cluster.App("killed").KillTasksAsync([running[0].TaskId], scale: false);
        await Eventually.Until(() => Task.FromResult(_cluster.Instances("killed")),
            i => i.Count == 3 && i.All(x => x.State == "TASK_RUNNING" && x.TaskId != running[0].TaskId), "a replacement");

        await _cluster.App("killed").KillTasksAsync([running[1].TaskId], scale: true);
        var left = await _cluster.RunningAsync("killed", 2);
        Assert.DoesNotContain(left, i => i.TaskId == running[1].TaskId);
        Assert.Equal(2, (await _cluster.App("killed").GetAsync())!.Definition.Spec.Instances);
        var app = await _cluster.App("killed").GetAsync();
        Assert.Null(app!.Status.LastFailure); // killed on request: not a failure
    }

    [Fact]
    public async Task KillTasks_WithScaleStartsADeploymentEvenWhenNoTaskWasTheApps()
    {
        await _cluster.ApplyAsync(AppManifests.App("kill-none", 1));
        await _cluster.RunningAsync("kill-none", 1);
        var before = await _cluster.App("kill-none").GetAsync();

        var killed = await _cluster.App("kill-none").KillTasksAsync(["kill-none.instance-unknown._app.1"], scale: true);

        Assert.Empty(killed);
        var after = await CompleteAsync("kill-none", before!.Generation + 1);
        Assert.Equal((1, "Scale"), (after!.Definition.Spec.Instances, after.Status.Deployment!.Kind));
        Assert.NotEqual(before.Status.Deployment!.Id, after.Status.Deployment.Id);
    }

    [Fact]
    public async Task ResetDelay_LaunchesTheReplacementOfAFailedInstanceAtOnce()
    {
        await _cluster.ApplyAsync(AppManifests.App("delayed", 1, backoffSeconds: 3600));
        var failed = (await _cluster.RunningAsync("delayed", 1)).Single();
        await _cluster.Agent("a").FailAsync(failed.TaskId, exitCode: 1);
        var backingOff = await Eventually.Until(() => _cluster.App("delayed").GetAsync(),
            a => a?.Status.Backoff is not null && a.Status.Instances.Delayed == 1, "the backoff to hold the replacement");
        Assert.True(backingOff!.Status.Backoff!.Until > DateTimeOffset.UtcNow.AddMinutes(1)); // capped by maxLaunchDelaySeconds (300)

        Assert.True(await _cluster.App("delayed").ResetDelayAsync());

        var replaced = (await _cluster.RunningAsync("delayed", 1)).Single();
        Assert.NotEqual(failed.TaskId, replaced.TaskId);
        var app = await _cluster.App("delayed").GetAsync();
        Assert.Equal((null, 0), (app!.Status.Backoff, app.Status.Instances.Delayed));
        Assert.Contains(app.Events, e => e.Reason == "BackoffReset");
        Assert.False(await _cluster.App("no-such-app").ResetDelayAsync());
    }

    [Fact]
    public async Task UnhealthyNewInstances_HoldTheUpgradeAndSayWhy()
    {
        var health = "  healthChecks: [{protocol: HTTP, gracePeriodSeconds: 0, intervalSeconds: 1, timeoutSeconds: 1}]";
        var agent = _cluster.Agent("a");
        await _cluster.ApplyAsync(AppManifests.App("held", 2, extra: health));
        await Eventually.Until(() => _cluster.App("held").GetAsync(), a => a?.Status.Instances.Healthy == 2, "two healthy instances");

        agent.NewTasksHealthy = false;
        await _cluster.ApplyAsync(AppManifests.App("held", 2, cmd: "v2", extra: health));

        var stalled = await Eventually.Until(() => _cluster.App("held").GetAsync(),
            a => a?.Status.Deployment?.Stalled?.Contains("fail their health checks", StringComparison.Ordinal) == true, "the deployment to say why it holds");
        Assert.Equal(2, stalled!.Status.Instances.Healthy); // the old instances keep serving
        Assert.Contains(stalled.Status.Conditions, c => c.Reason == "NewInstancesUnhealthy");
    }
}
