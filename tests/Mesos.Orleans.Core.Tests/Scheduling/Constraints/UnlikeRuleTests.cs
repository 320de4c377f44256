using static Mesos.Orleans.Core.Tests.Support.ConstraintTesting;

namespace Mesos.Orleans.Core.Tests.Scheduling.Constraints;

public class UnlikeRuleTests
{
    private static readonly string[] NotRackAOrB = ["rack", "UNLIKE", "rack-[ab]"];

    [Fact]
    public void Unlike_RefusesValuesTheRegexMatches()
    {
        Assert.False(Allows(NotRackAOrB, "h1 rack=rack-a"));
        Assert.False(Allows(NotRackAOrB, "h1 rack=rack-b"));
        Assert.True(Allows(NotRackAOrB, "h1 rack=rack-c"));
    }

    [Theory]
    [InlineData("rack-1", "rack-10")]
    [InlineData("rack-1", "my-rack-1")]
    [InlineData("a|b", "ab")]
    public void Unlike_MatchesTheWholeValue(string regex, string value) =>
        Assert.True(Allows(["rack", "UNLIKE", regex], $"h1 rack={value}"));

    [Fact]
    public void Unlike_ARegexThatTakesTooLong_RefusesInsteadOfThrowing() =>
        Assert.False(Allows(["hostname", "UNLIKE", "(a|aa)+b"], new string('a', 60)));

    [Fact]
    public void Unlike_OnHostname()
    {
        Assert.False(Allows(["hostname", "UNLIKE", "db-.*"], "db-1"));
        Assert.True(Allows(["hostname", "UNLIKE", "db-.*"], "web-1"));
    }

    [Fact]
    public void Unlike_AgentWithoutTheAttribute_IsAccepted()
    {
        Assert.True(Allows(NotRackAOrB, "h1"));
        Assert.True(Allows(["rack", "UNLIKE", ".*"], "h1 zone=z1"));
    }
}
