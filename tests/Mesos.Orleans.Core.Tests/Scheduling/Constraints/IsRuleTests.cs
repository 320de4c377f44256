using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class IsRuleTests
{
    private static readonly string[] RackIsR1 = ["rack", "IS", "r1"];

    [Theory]
    [InlineData("r1", true)]
    [InlineData("r10", false)]
    [InlineData("R1", false)]
    [InlineData("r", false)]
    public void Is_AcceptsExactlyTheValue(string value, bool allowed) =>
        Assert.Equal(allowed, Allows(RackIsR1, $"h1 rack={value}"));

    [Fact]
    public void Is_ValueIsNotARegex()
    {
        Assert.False(Allows(["rack", "IS", "r."], "h1 rack=r1"));
        Assert.True(Allows(["rack", "IS", "r."], "h1 rack=r."));
    }

    [Fact]
    public void Is_OnHostname()
    {
        Assert.True(Allows(["hostname", "IS", "a"], "a", "a", "a"));
        Assert.False(Allows(["hostname", "IS", "a"], "b"));
    }

    [Fact]
    public void Is_AgentWithoutTheAttribute_IsRefused() =>
        Assert.False(Allows(RackIsR1, "h1"));
}
