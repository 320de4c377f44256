using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using static Mesos.Orleans.Core.Reconciliation.InstancePhase;
using static Mesos.Orleans.Core.Tests.Support.Fleet;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

public class ReconcilePlannerTests
{
    // One of each kind, created a minute apart, in the order a scale-down kills them (youngest first among equals).
    private static readonly InstanceView[] Mixed =
    [
        Instance("scheduled", Scheduled, minute: 1),
        Instance("unreachable", Unreachable, minute: 2),
        Instance("starting", Starting, minute: 4),
        Instance("staging", Staging, minute: 3),
        Instance("unhealthy", Running, minute: 5, healthy: false),
        Instance("young", Running, minute: 9, healthy: true),
        Instance("unchecked", Running, minute: 7),
        Instance("old", Running, minute: 6, healthy: true),
    ];

    [Fact]
    public void Plan_ScaleUp_LaunchesTheDifference()
    {
        var plan = Plan(Spec(5), Serving(2));

        Assert.Equal(3, plan.Launch);
        Assert.Empty(plan.Kill);
        Assert.Null(plan.WakeAt);
        Assert.False(plan.Converged);
    }

    [Fact]
    public void Plan_ScaleDown_KillsTheYoungestFirst()
    {
        var plan = Plan(Spec(1), Serving(3));

        Assert.Equal(0, plan.Launch);
        Assert.Equal(["i3", "i2"], plan.Kill);
    }

    [Fact]
    public void Plan_ScaleDown_OldestFirstWhenAsked() =>
        Assert.Equal(["i1", "i2"], Plan(Spec(1, killSelection: KillSelection.OldestFirst), Serving(3)).Kill);

    [Fact]
    public void KillOrder_NotServingFirst_ThenByKillSelection()
    {
        Assert.Equal(
            ["scheduled", "unreachable", "starting", "staging", "unhealthy", "young", "unchecked", "old"],
            ReconcilePlanner.KillOrder(Mixed, KillSelection.YoungestFirst).Select(i => i.InstanceId));
        Assert.Equal(
            ["scheduled", "unreachable", "staging", "starting", "unhealthy", "old", "unchecked", "young"],
            ReconcilePlanner.KillOrder(Mixed, KillSelection.OldestFirst).Select(i => i.InstanceId));
    }

    [Fact]
    public void KillOrder_AgeIsWhenStartedElseWhenCreated()
    {
        InstanceView[] instances =
        [
            Instance("created-late-started-early", minute: 10) with { StartedAt = T0.AddMinutes(1) },
            Instance("created-early-started-late", minute: 2) with { StartedAt = T0.AddMinutes(20) },
            Instance("tie-b", minute: 5),
            Instance("tie-a", minute: 5),
        ];

        Assert.Equal(
            ["created-early-started-late", "tie-a", "tie-b", "created-late-started-early"],
            ReconcilePlanner.KillOrder(instances, KillSelection.YoungestFirst).Select(i => i.InstanceId));
    }

    [Fact]
    public void Plan_ScaleDown_FollowsTheKillOrder() =>
        Assert.Equal(["scheduled", "unreachable", "starting", "staging", "unhealthy"], Plan(Spec(3), Mixed).Kill);

    [Fact]
    public void Plan_TerminalInstances_AreExpungedAndReplaced()
    {
        var plan = Plan(Spec(3), [.. Serving(2), Instance("dead", Terminal), Instance("dead-too", Terminal, stopping: true)]);

        Assert.Equal(["dead", "dead-too"], plan.Expunge);
        Assert.Equal(1, plan.Launch);
        Assert.Equal(2, plan.Counts.Live);
        Assert.Equal(0, plan.Counts.Stopping);
    }

    [Fact]
    public void Plan_StoppingInstances_DoNotServe()
    {
        InstanceView[] instances = [.. Serving(2), Instance("leaving", stopping: true, minute: 9)];

        var steady = Plan(Spec(2), instances);
        var up = Plan(Spec(3), instances);

        Assert.Equal((0, 0), (steady.Launch, steady.Kill.Count));
        Assert.Equal(new InstanceCounts(Desired: 2, Live: 2, Running: 2, Healthy: 2, Staged: 0, Scheduled: 0, Old: 0, Stopping: 1), steady.Counts);
        Assert.False(steady.Converged);
        Assert.Equal(1, up.Launch);
        Assert.Empty(up.Kill);
    }

    [Fact]
    public void Plan_Counts()
    {
        InstanceView[] instances = [.. Mixed, Instance("previous", generation: 0), Instance("ended", Terminal)];

        Assert.Equal(
            new InstanceCounts(Desired: 9, Live: 9, Running: 5, Healthy: 4, Staged: 2, Scheduled: 1, Old: 1, Stopping: 0),
            Plan(Spec(9), instances).Counts);
    }

    [Fact]
    public void Plan_AsDeclared_IsConverged()
    {
        var plan = Plan(Spec(3), Serving(3));

        Assert.True(plan.Converged);
        Assert.Equal((0, 0, 0), (plan.Launch, plan.Kill.Count, plan.Expunge.Count));
    }

    [Fact]
    public void Plan_UnhealthyOrStarting_IsNotConverged()
    {
        Assert.False(Plan(Spec(2), [.. Serving(1), Instance("starting", Starting)]).Converged);
        Assert.False(Plan(Spec(2), [.. Serving(1), Instance("sick", healthy: false)]).Converged);
    }

    [Fact]
    public void Plan_Backoff_BlocksLaunchesAndWakesWhenItEnds()
    {
        var delay = LaunchDelay.None.AfterFailure(Spec(3), T0);

        var plan = Plan(Spec(3), Serving(1), delay: delay, now: T0.AddSeconds(0.5));

        Assert.Equal(0, plan.Launch);
        Assert.Equal(2, plan.Counts.Delayed);
        Assert.Equal(T0.AddSeconds(1), plan.WakeAt);
        var after = Plan(Spec(3), Serving(1), delay: delay, now: T0.AddSeconds(1));
        Assert.Equal((2, 0), (after.Launch, after.Counts.Delayed));
    }

    [Fact]
    public void Plan_Backoff_DoesNotBlockKills()
    {
        var plan = Plan(Spec(1), Serving(2), delay: LaunchDelay.None.AfterFailure(Spec(1), T0), now: T0);

        Assert.Equal(["i2"], plan.Kill);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Plan_IsAPureFunctionOfItsInput()
    {
        var input = Input(Spec(4, 0.5, 0.5), [.. Serving(3), .. Serving(2, generation: 2, prefix: "n"), Instance("gone", Terminal)], generation: 2);

        var first = ReconcilePlanner.Plan(input);
        var second = ReconcilePlanner.Plan(input);

        AssertSamePlan(first, second);
    }

    [Fact]
    public void Plan_AfterItsKillsAreApplied_KillsNoMore()
    {
        var instances = Serving(5).ToList();
        var plan = Plan(Spec(2), instances);

        var applied = instances.Select(i => plan.Kill.Contains(i.InstanceId) ? i with { StopRequested = true } : i).ToList();
        var next = Plan(Spec(2), applied);

        Assert.Equal(3, plan.Kill.Count);
        Assert.Empty(next.Kill);
        Assert.Equal(0, next.Launch);
    }

    [Fact]
    public void Upgrade_WithDefaults_LaunchesAllNewFirst_AndKillsOldOnlyForHealthyNew()
    {
        var spec = Spec(3);

        var start = Plan(spec, Serving(3), generation: 2);
        Assert.Equal((3, 0), (start.Launch, start.Kill.Count));
        Assert.Equal(3, start.Counts.Old);

        InstanceView[] oneHealthy = [.. Serving(3), Instance("n1", generation: 2, healthy: true, minute: 10), Instance("n2", Starting, generation: 2), Instance("n3", Scheduled, generation: 2)];
        var partial = Plan(spec, oneHealthy, generation: 2);
        Assert.Equal(["i3"], partial.Kill);
        Assert.Equal(0, partial.Launch);
    }

    [Fact]
    public void Upgrade_WithDefaults_KillsNothingWhileNewAreNotHealthy()
    {
        InstanceView[] instances = [.. Serving(2), Instance("n1", Running, generation: 2, healthy: false), Instance("n2", Staging, generation: 2)];

        var plan = Plan(Spec(2), instances, generation: 2);

        Assert.Equal((0, 0), (plan.Launch, plan.Kill.Count));
    }

    [Fact]
    public void Upgrade_KillsUnhealthyOldInstancesFirst()
    {
        InstanceView[] instances = [.. Serving(2), Instance("sick", healthy: false, minute: 3), Instance("lost", Unreachable, minute: 4)];

        var plan = Plan(Spec(4, 1, 0), instances, generation: 2);

        Assert.Equal(["lost", "sick"], plan.Kill);
        Assert.Equal(1, plan.Launch);
    }

    [Fact]
    public void Upgrade_WithNoRoomAboveTheTarget_AllowsOneOver()
    {
        var plan = Plan(Spec(3, 1, 0), Serving(3), generation: 2);

        Assert.Equal((1, 0), (plan.Launch, plan.Kill.Count));
    }

    [Fact]
    public void Upgrade_WithSpareHealth_KillsOldBeforeLaunching()
    {
        var plan = Plan(Spec(4, 0.5, 0), Serving(4), generation: 2);

        Assert.Equal(["i4", "i3"], plan.Kill);
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Upgrade_StoppingOldInstances_CountAgainstTheCeiling()
    {
        // Every old instance was killed at once (minimumHealthCapacity 0); until they end, the new ones must wait.
        InstanceView[] instances = [.. Serving(3).Select(i => i with { StopRequested = true })];

        var plan = Plan(Spec(3, 0, 0), instances, generation: 2);

        Assert.Equal(0, plan.Launch);
        Assert.Equal(3, plan.Counts.Stopping);
        Assert.Equal(1, Plan(Spec(3, 0, 0), instances.Skip(1).Append(instances[0] with { Phase = Terminal }), generation: 2).Launch);
    }

    [Fact]
    public void Upgrade_ScaleDown_KillsSurplusNewInstancesFirst()
    {
        InstanceView[] instances = [.. Serving(2), .. Serving(3, generation: 2, prefix: "n")];

        var plan = Plan(Spec(2), instances, generation: 2);

        Assert.Equal(["n3", "i2", "i1"], plan.Kill);
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Upgrade_NewInstanceRunningButNotReady_DoesNotReplaceAnOldOne_UntilReady()
    {
        var notReady = Instance("n1", generation: 2, minute: 10) with { Ready = false };

        var waiting = Plan(Spec(1), [.. Serving(1), notReady], generation: 2);
        var ready = Plan(Spec(1), [.. Serving(1), notReady with { Ready = true }], generation: 2);

        Assert.Equal((0, 0), (waiting.Launch, waiting.Kill.Count));
        Assert.Equal(1, waiting.Counts.Healthy);
        Assert.False(waiting.Converged);
        Assert.Equal(["i1"], ready.Kill);
        Assert.Equal(2, ready.Counts.Healthy);
    }

    [Fact]
    public void Upgrade_NewInstanceReadyButUnhealthy_DoesNotReplaceAnOldOne()
    {
        var plan = Plan(Spec(1), [.. Serving(1), Instance("n1", generation: 2, minute: 10, healthy: false) with { Ready = true }], generation: 2);

        Assert.Equal((0, 0), (plan.Launch, plan.Kill.Count));
        Assert.Equal(1, plan.Counts.Healthy);
    }

    [Fact]
    public void Upgrade_ReplacesOneOldInstancePerReadyNewOne()
    {
        InstanceView[] instances =
        [
            .. Serving(3),
            Instance("n1", generation: 2, minute: 10, healthy: true) with { Ready = true },
            Instance("n2", generation: 2, minute: 11, healthy: true) with { Ready = false },
            Instance("n3", generation: 2, minute: 12) with { Ready = false },
        ];

        var plan = Plan(Spec(3), instances, generation: 2);

        Assert.Equal(["i3"], plan.Kill);
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Plan_RunningButNotReady_IsNotConverged_AndNotReplaced()
    {
        var plan = Plan(Spec(1), [Instance("i1", healthy: true) with { Ready = false }]);

        Assert.False(plan.Converged);
        Assert.Equal((0, 0, 0), (plan.Launch, plan.Kill.Count, plan.Counts.Healthy));
    }

    private static void AssertSamePlan(ReconcilePlan expected, ReconcilePlan actual)
    {
        Assert.Equal(expected.Launch, actual.Launch);
        Assert.Equal(expected.Kill, actual.Kill);
        Assert.Equal(expected.Expunge, actual.Expunge);
        Assert.Equal(expected.WakeAt, actual.WakeAt);
        Assert.Equal(expected.Counts, actual.Counts);
    }
}
