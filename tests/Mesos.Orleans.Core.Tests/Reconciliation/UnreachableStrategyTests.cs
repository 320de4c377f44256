using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using static Mesos.Orleans.Core.Reconciliation.InstancePhase;
using static Mesos.Orleans.Core.Tests.Support.Fleet;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

/// <summary>Marathon's unreachableStrategy in the planner: when an unreachable instance is replaced, when forgotten.</summary>
public class UnreachableStrategyTests
{
    private static readonly DateTimeOffset Lost = T0.AddMinutes(30);

    private static AppSpec SpecWith(int instances, double inactiveAfter, double expungeAfter) =>
        Spec(instances) with { UnreachableStrategy = new UnreachableStrategy { InactiveAfterSeconds = inactiveAfter, ExpungeAfterSeconds = expungeAfter } };

    private static InstanceView UnreachableSince(string id, DateTimeOffset since, int minute = 0) =>
        Instance(id, Unreachable, minute: minute) with { UnreachableSince = since };

    [Fact]
    public void Plan_ByDefault_ReplacesAndForgetsAtOnce()
    {
        var plan = Plan(Spec(3), [.. Serving(2), UnreachableSince("gone", Lost)], now: Lost);

        Assert.Equal(1, plan.Launch);
        Assert.Equal(["gone"], plan.Expunge);
        Assert.Empty(plan.Kill);
        Assert.Equal(2, plan.Counts.Live);
    }

    [Fact]
    public void Plan_BeforeInactiveAfter_KeepsCountingTheInstance_AndWakesWhenItTurnsInactive()
    {
        var plan = Plan(SpecWith(3, inactiveAfter: 60, expungeAfter: 120), [.. Serving(2), UnreachableSince("away", Lost)], now: Lost.AddSeconds(59));

        Assert.Equal(0, plan.Launch);
        Assert.Empty(plan.Expunge);
        Assert.Equal(3, plan.Counts.Live);
        Assert.Equal(Lost.AddSeconds(60), plan.WakeAt);
    }

    [Fact]
    public void Plan_AfterInactiveAfter_LaunchesAReplacement_KeepsTheInstance_AndWakesToExpungeIt()
    {
        var plan = Plan(SpecWith(3, inactiveAfter: 60, expungeAfter: 120), [.. Serving(2), UnreachableSince("away", Lost)], now: Lost.AddSeconds(60));

        Assert.Equal(1, plan.Launch);
        Assert.Empty(plan.Expunge);
        Assert.Empty(plan.Kill);
        Assert.Equal(2, plan.Counts.Live);
        Assert.Equal(Lost.AddSeconds(120), plan.WakeAt);
    }

    [Fact]
    public void Plan_InactiveInstanceWithItsReplacement_LaunchesNothingMore()
    {
        InstanceView[] instances = [.. Serving(2), UnreachableSince("away", Lost), Instance("replacement", Staging, minute: 31)];

        var plan = Plan(SpecWith(3, inactiveAfter: 60, expungeAfter: 120), instances, now: Lost.AddSeconds(90));

        Assert.Equal(0, plan.Launch);
        Assert.Empty(plan.Kill);
    }

    [Fact]
    public void Plan_AfterExpungeAfter_ForgetsTheInstance()
    {
        InstanceView[] instances = [.. Serving(2), UnreachableSince("away", Lost), Instance("replacement", Running, minute: 31)];

        var plan = Plan(SpecWith(3, inactiveAfter: 60, expungeAfter: 120), instances, now: Lost.AddSeconds(120));

        Assert.Equal(["away"], plan.Expunge);
        Assert.Equal(0, plan.Launch);
        Assert.Null(plan.WakeAt);
    }

    [Fact]
    public void Plan_AnInactiveInstanceComesBack_TheExtraOneIsKilled()
    {
        // "away" is reachable again (RUNNING) after its replacement started: one too many, and the youngest goes.
        InstanceView[] instances = [.. Serving(2), Instance("away", Running, minute: 0), Instance("replacement", Running, minute: 31)];

        var plan = Plan(SpecWith(3, inactiveAfter: 60, expungeAfter: 120), instances, now: Lost.AddSeconds(100));

        Assert.Equal(["replacement"], plan.Kill);
        Assert.Equal(0, plan.Launch);
    }

    [Fact]
    public void Plan_UnreachableWithoutASince_CountsAsLive()
    {
        var plan = Plan(Spec(3), [.. Serving(2), Instance("unknown-since", Unreachable)]);

        Assert.Equal(0, plan.Launch);
        Assert.Empty(plan.Expunge);
    }
}
