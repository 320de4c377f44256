using Mesos.Orleans.Master.Api;

namespace Mesos.Orleans.Master.Tests.Api;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Labels = new() { ["team"] = "web", ["env"] = "prod", ["note"] = "a b", ["canary"] = "" };

    [Theory]
    [InlineData("", true)]
    [InlineData("team", true)]
    [InlineData("!legacy", true)]
    [InlineData("!team", false)]
    [InlineData("team=web", true)]
    [InlineData("team==web", true)]
    [InlineData("team!=web", false)]
    [InlineData("tier!=db", true)]
    [InlineData("team=web, env=prod", true)]
    [InlineData("team=web,env=stage", false)]
    [InlineData("env in (stage, prod)", true)]
    [InlineData("env in (stage)", false)]
    [InlineData("env notin (stage, dev)", true)]
    [InlineData("tier notin (db)", true)]
    [InlineData("note==a\\ b", true)]
    [InlineData("canary=", true)]
    public void Matches_AsKubernetesAndMarathonRead(string selector, bool expected)
    {
        Assert.True(LabelSelector.TryParse(selector, out var parsed, out var error), error);

        Assert.Equal(expected, parsed.Matches(Labels));
    }

    [Theory]
    [InlineData("team=web,", "empty term")]
    [InlineData("env in stage", "expected '(' at position 8")]
    [InlineData("env in (a b)", "expected ',' or ')' at position 11")]
    [InlineData("team!web", "expected '=' after '!' at position 6")]
    [InlineData("team web", "unexpected 'w' at position 6")]
    public void TryParse_RefusesMalformedSelectorsWithTheReason(string selector, string reason)
    {
        Assert.False(LabelSelector.TryParse(selector, out _, out var error));

        Assert.Equal(reason, error);
    }
}
