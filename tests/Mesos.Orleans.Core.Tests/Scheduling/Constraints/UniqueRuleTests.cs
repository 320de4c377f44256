using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class UniqueRuleTests
{
    private static readonly string[] UniqueHost = ["hostname", "UNIQUE"], UniqueRack = ["rack", "UNIQUE"];

    [Fact]
    public void Unique_OnHostname_RefusesAHostThatRunsAnInstance()
    {
        Assert.True(Allows(UniqueHost, "a"));
        Assert.True(Allows(UniqueHost, "c", "a", "b"));
        Assert.False(Allows(UniqueHost, "b", "a", "b"));
    }

    [Fact]
    public void Unique_OnAtHostname_IsTheHostnameToo()
    {
        Assert.True(Allows(["@hostname", "UNIQUE"], "b", "a"));
        Assert.False(Allows(["@hostname", "UNIQUE"], "a", "a"));
    }

    [Fact]
    public void Unique_OnAnAttribute_RefusesAValueInUseOnAnyHost()
    {
        Assert.True(Allows(UniqueRack, "h3 rack=r3", "h1 rack=r1", "h2 rack=r2"));
        Assert.False(Allows(UniqueRack, "h3 rack=r1", "h1 rack=r1", "h2 rack=r2"));
        Assert.True(Allows(UniqueRack, "h1 rack=r2", "h1 rack=r1"));
    }

    [Fact]
    public void Unique_ComparesValuesExactly() =>
        Assert.True(Allows(UniqueRack, "h2 rack=R1", "h1 rack=r1"));

    [Fact]
    public void Unique_AgentWithoutTheAttribute_IsRefused()
    {
        Assert.False(Allows(UniqueRack, "h1"));
        Assert.False(Allows(UniqueRack, "h1 zone=z1", "h2 rack=r1"));
    }
}
