using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class GroupByRuleTests
{
    private static readonly string[] ByRack = ["rack", "GROUP_BY"], OverThreeRacks = ["rack", "GROUP_BY", "3"];

    [Fact]
    public void GroupBy_WithoutACount_AcceptsTheLeastUsedValues()
    {
        string[] placed = ["h1 rack=r1", "h2 rack=r1", "h3 rack=r2"];

        Assert.False(Allows(ByRack, "h4 rack=r1", placed));
        Assert.True(Allows(ByRack, "h4 rack=r2", placed));
    }

    [Fact]
    public void GroupBy_WithoutACount_AcceptsANewValue_AndAnyValueWhenEven()
    {
        Assert.True(Allows(ByRack, "h1 rack=r1"));
        Assert.True(Allows(ByRack, "h4 rack=r3", "h1 rack=r1", "h2 rack=r1", "h3 rack=r2"));
        Assert.True(Allows(ByRack, "h3 rack=r1", "h1 rack=r1", "h2 rack=r2"));
    }

    [Fact]
    public void GroupBy_WithoutACount_KnowsOnlyTheValuesInUse()
    {
        // As in Marathon: the rule sees no other values than where instances run, so a second instance may join the
        // first; a count is what makes it look for new values first.
        Assert.True(Allows(ByRack, "h2 rack=r1", "h1 rack=r1"));
        Assert.False(Allows(OverThreeRacks, "h2 rack=r1", "h1 rack=r1"));
    }

    [Fact]
    public void GroupBy_WithACount_TakesNewValuesUntilThatManyAreInUse()
    {
        Assert.True(Allows(OverThreeRacks, "h2 rack=r2", "h1 rack=r1"));
        Assert.False(Allows(OverThreeRacks, "h3 rack=r2", "h1 rack=r1", "h2 rack=r2"));
        Assert.True(Allows(OverThreeRacks, "h3 rack=r3", "h1 rack=r1", "h2 rack=r2"));
    }

    [Fact]
    public void GroupBy_WithACount_OnceReached_SpreadsEvenly()
    {
        string[] three = ["h1 rack=r1", "h2 rack=r2", "h3 rack=r3"];
        string[] four = [.. three, "h4 rack=r1"];

        Assert.True(Allows(OverThreeRacks, "h4 rack=r1", three));
        Assert.True(Allows(OverThreeRacks, "h4 rack=r4", three));
        Assert.False(Allows(OverThreeRacks, "h5 rack=r1", four));
        Assert.True(Allows(OverThreeRacks, "h5 rack=r2", four));
    }

    [Fact]
    public void GroupBy_OnHostname_SpreadsOverHosts()
    {
        Assert.False(Allows(["hostname", "GROUP_BY"], "a", "a", "a", "b"));
        Assert.True(Allows(["hostname", "GROUP_BY"], "b", "a", "b", "a"));
    }

    [Fact]
    public void GroupBy_AgentWithoutTheAttribute_IsRefused()
    {
        Assert.False(Allows(ByRack, "h1"));
        Assert.False(Allows(OverThreeRacks, "h2", "h1 rack=r1"));
    }
}
