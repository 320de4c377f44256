using Mesos.Orleans.Core.Reconciliation;
using static Mesos.Orleans.Core.Reconciliation.InstancePhase;
using static Mesos.Orleans.Core.Tests.Support.Fleet;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

public class InstanceViewTests
{
    [Theory]
    [InlineData(Running, null, null, true)]
    [InlineData(Running, true, null, true)]
    [InlineData(Running, false, null, false)]
    [InlineData(Running, null, true, true)]
    [InlineData(Running, true, true, true)]
    [InlineData(Running, null, false, false)]
    [InlineData(Running, true, false, false)]
    [InlineData(Running, false, true, false)]
    [InlineData(Starting, true, true, false)]
    [InlineData(Staging, null, null, false)]
    [InlineData(Killing, true, true, false)]
    [InlineData(Unreachable, true, true, false)]
    public void IsHealthy_IsRunningAndNeitherUnhealthyNorUnready(InstancePhase phase, bool? healthy, bool? ready, bool expected) =>
        Assert.Equal(expected, (Instance("i", phase, healthy: healthy) with { Ready = ready }).IsHealthy);

    [Fact]
    public void Ready_IsUnknownUnlessSet() => Assert.Null(Instance("i").Ready);

    [Theory]
    [InlineData(Scheduled, true)]
    [InlineData(Running, true)]
    [InlineData(Unreachable, true)]
    [InlineData(Terminal, false)]
    public void IsLive_UntilTerminal(InstancePhase phase, bool live) => Assert.Equal(live, Instance("i", phase).IsLive);
}
