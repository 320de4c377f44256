using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class LikeRuleTests
{
    private static readonly string[] RackAOrB = ["rack", "LIKE", "rack-[ab]"];

    [Fact]
    public void Like_AcceptsValuesTheRegexMatches()
    {
        Assert.True(Allows(RackAOrB, "h1 rack=rack-a"));
        Assert.True(Allows(RackAOrB, "h1 rack=rack-b"));
        Assert.False(Allows(RackAOrB, "h1 rack=rack-c"));
    }

    [Theory]
    [InlineData("rack-1", "rack-10")]
    [InlineData("rack-1", "my-rack-1")]
    [InlineData("a|b", "ab")]
    [InlineData("r.", "r12")]
    public void Like_MatchesTheWholeValue(string regex, string value) =>
        Assert.False(Allows(["rack", "LIKE", regex], $"h1 rack={value}"));

    [Fact]
    public void Like_MatchesTheWholeValue_NotALineOfIt() =>
        Assert.False(Constraint("rack", "LIKE", "r1").Allows("h1", new Dictionary<string, string> { ["rack"] = "r1\n" }, []));

    [Fact]
    public void Like_ARegexThatTakesTooLong_RefusesInsteadOfThrowing() =>
        Assert.False(Allows(["hostname", "LIKE", "(a|aa)+b"], new string('a', 60)));

    [Fact]
    public void Like_Alternatives_EachMatchTheWholeValue()
    {
        Assert.True(Allows(["rack", "LIKE", "a|b"], "h1 rack=a"));
        Assert.True(Allows(["rack", "LIKE", "a|b"], "h1 rack=b"));
    }

    [Fact]
    public void Like_OnHostname()
    {
        Assert.True(Allows(["hostname", "LIKE", "web-[0-9]+"], "web-12"));
        Assert.False(Allows(["hostname", "LIKE", "web-[0-9]+"], "db-1"));
    }

    [Fact]
    public void Like_IgnoresWhereInstancesRun() =>
        Assert.True(Allows(RackAOrB, "h1 rack=rack-a", "h2 rack=rack-a", "h3 rack=rack-a"));

    [Fact]
    public void Like_AgentWithoutTheAttribute_IsRefused()
    {
        Assert.False(Allows(RackAOrB, "h1"));
        Assert.False(Allows(["rack", "LIKE", ".*"], "h1"));
    }
}
