using Xunit;

namespace Mesos.Orleans.Docker.Tests;

public sealed class DockerFiltersTests
{
    [Fact]
    public void DockerFilters_WritesLabelsAndOtherKeysAsJsonArrays()
    {
        var filters = DockerFilters.Label("app", "web").AddLabel("tier").Add("event", "start").Add("event", "die");

        Assert.Equal("""{"event":["start","die"],"label":["app=web","tier"]}""", filters.ToJson());
    }

    [Fact]
    public void DockerFilters_AddLeavesTheOriginalUnchanged()
    {
        var original = DockerFilters.Label("a", "1");

        _ = original.AddLabel("b", "2");

        Assert.Equal("""{"label":["a=1"]}""", original.ToJson());
        Assert.True(DockerFilters.Empty.IsEmpty);
    }

    [Fact]
    public void DockerFilters_EscapesValuesInJson() =>
        Assert.Equal("""{"label":["note=say \u0022hi\u0022"]}""", DockerFilters.Label("note", "say \"hi\"").ToJson());
}
