using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Tests.Apps;

public class AppSpecTests
{
    private static AppSpec Full() => new()
    {
        Id = "/web",
        Cmd = "serve",
        Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" },
        Labels = new Dictionary<string, string> { ["team"] = "web" },
        PortDefinitions = [new PortDefinition { Name = "http", Labels = new Dictionary<string, string> { ["vip"] = "x" } }],
        UpgradeStrategy = new UpgradeStrategy { MinimumHealthCapacity = 0.5 },
        TaskKillGracePeriodSeconds = 5,
    };

    [Fact]
    public void AppSpec_Equality_ComparesCollectionsByContent()
    {
        var copy = Full() with
        {
            Env = new SortedDictionary<string, string> { ["B"] = "2", ["A"] = "1" },
            PortDefinitions = [new PortDefinition { Name = "http", Labels = new Dictionary<string, string> { ["vip"] = "x" } }],
        };

        Assert.Equal(Full(), copy);
        Assert.Equal(Full().GetHashCode(), copy.GetHashCode());
        Assert.True(Full() == copy);
    }

    public static TheoryData<string, AppSpec> Changes() => new()
    {
        { "env value", Full() with { Env = new Dictionary<string, string> { ["A"] = "1", ["B"] = "3" } } },
        { "env key", Full() with { Env = new Dictionary<string, string> { ["A"] = "1" } } },
        { "label", Full() with { Labels = new Dictionary<string, string> { ["team"] = "api" } } },
        { "port name", Full() with { PortDefinitions = [new PortDefinition { Name = "https" }] } },
        { "port label", Full() with { PortDefinitions = [new PortDefinition { Name = "http" }] } },
        { "no ports", Full() with { PortDefinitions = [] } },
        { "default ports", Full() with { PortDefinitions = null } },
        { "args", Full() with { Cmd = null, Args = ["serve"] } },
        { "cpus", Full() with { Cpus = 2 } },
        { "upgrade", Full() with { UpgradeStrategy = new UpgradeStrategy() } },
        { "grace", Full() with { TaskKillGracePeriodSeconds = null } },
        { "kill selection", Full() with { KillSelection = KillSelection.OldestFirst } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void AppSpec_Equality_SeesEveryChange(string change, AppSpec changed) =>
        Assert.False(Full().Equals(changed), $"a change of {change} went unnoticed");

    [Fact]
    public void AppSpec_Equality_MissingMapEqualsEmptyMap()
    {
        Assert.Equal(new AppSpec { Cmd = "x" }, new AppSpec { Cmd = "x", Env = new Dictionary<string, string>(), Labels = new Dictionary<string, string>() });
        Assert.Equal(new AppSpec { Cmd = "x" }.GetHashCode(), new AppSpec { Cmd = "x", Env = new Dictionary<string, string>() }.GetHashCode());
        Assert.NotEqual(new AppSpec { Cmd = "x" }, new AppSpec { Cmd = "x", PortDefinitions = [] });
    }

    [Fact]
    public void AppSpecDefaults_Normalize_FillsEveryDefault()
    {
        var normalized = AppSpecDefaults.Normalize(new AppSpec { Cmd = "x" });

        Assert.Equal([new PortDefinition()], normalized.PortDefinitions);
        Assert.Equal(new UpgradeStrategy { MinimumHealthCapacity = 1, MaximumOverCapacity = 1 }, normalized.UpgradeStrategy);
        Assert.Empty(normalized.Env!);
        Assert.Empty(normalized.Labels!);
        Assert.Equal(new ResourceSet(1, 128), normalized.ScalarResources);
    }

    [Fact]
    public void AppSpecDefaults_Normalize_KeepsWhatIsGivenAndIsIdempotent()
    {
        var normalized = AppSpecDefaults.Normalize(Full());

        Assert.Equal(Full(), normalized);
        Assert.Equal(["A", "B"], normalized.Env!.Keys);
        Assert.Equal(normalized, AppSpecDefaults.Normalize(normalized));
        Assert.Empty(AppSpecDefaults.Normalize(new AppSpec { Cmd = "x", PortDefinitions = [] }).PortDefinitions!);
    }
}
