using System.Text.Json;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Serialization;
using static Mesos.Orleans.Core.Tests.Support.ManifestTesting;

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
        HealthChecks = [Health()],
        ReadinessChecks = [Readiness()],
        Constraints = [["hostname", "UNIQUE"], ["rack", "GROUP_BY", "3"]],
        DeploymentTimeoutSeconds = 600,
    };

    private static HealthCheck Health() => new() { Path = "/health", IntervalSeconds = 10, TimeoutSeconds = 5 };

    private static ReadinessCheck Readiness() => new() { PortName = "http", HttpStatusCodesForReady = [200] };

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
        { "health check interval", Full() with { HealthChecks = [Health() with { IntervalSeconds = 30 }] } },
        { "health check protocol alias", Full() with { HealthChecks = [Health() with { Protocol = "MESOS_HTTP" }] } },
        { "health check added", Full() with { HealthChecks = [Health(), Health() with { PortIndex = 0, Path = "/other" }] } },
        { "no health checks", Full() with { HealthChecks = null } },
        { "readiness status codes", Full() with { ReadinessChecks = [Readiness() with { HttpStatusCodesForReady = [200, 204] }] } },
        { "no readiness checks", Full() with { ReadinessChecks = [] } },
        { "constraint value", Full() with { Constraints = [["hostname", "UNIQUE"], ["rack", "GROUP_BY", "2"]] } },
        { "constraint operator", Full() with { Constraints = [["hostname", "UNIQUE"], ["rack", "GROUP_BY"]] } },
        { "constraint removed", Full() with { Constraints = [["hostname", "UNIQUE"]] } },
        { "no constraints", Full() with { Constraints = null } },
        { "deployment timeout", Full() with { DeploymentTimeoutSeconds = 60 } },
        { "no deployment timeout", Full() with { DeploymentTimeoutSeconds = null } },
        { "deployment timeout action", Full() with { DeploymentTimeoutAction = DeploymentTimeoutAction.Rollback } },
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void AppSpec_Equality_SeesEveryChange(string change, AppSpec changed)
    {
        Assert.False(Full().Equals(changed), $"a change of {change} went unnoticed");
        Assert.False(changed.Equals(Full()), $"a change of {change} went unnoticed the other way round");
        Assert.True(Full() != changed);
    }

    [Fact]
    public void AppSpec_Equality_EqualsItselfReDecodedFromItsNormalizedForm()
    {
        var json = JsonSerializer.SerializeToNode(AppSpecDefaults.Normalize(Full()), Json.Options);

        var decoded = AssertValid(AppManifestDecoder.DecodeMarathonApp(json)).Spec;

        Assert.Equal(Full(), decoded);
        Assert.Equal(Full().GetHashCode(), decoded.GetHashCode());
    }

    [Fact]
    public void AppSpec_Equality_AManifestEqualsItselfReapplied()
    {
        var first = Valid(App(
            "{cmd: x, portDefinitions: [{name: http, labels: {b: '2', a: '1'}}], healthChecks: [{protocol: MESOS_HTTP, path: /h}], "
            + "readinessChecks: [{portName: http}], constraints: [[rack, GROUP_BY, '3']], deploymentTimeoutSeconds: 60, deploymentTimeoutAction: ROLLBACK}"));
        var manifest = $"{Header}metadata: {{name: hello}}\nspec: {JsonSerializer.Serialize(first.Spec, Json.Options)}\n";

        var second = Valid(manifest).Spec;

        Assert.Equal(first.Spec, second);
        Assert.Equal(first.Spec.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void AppSpec_Equality_ListsOfChecksAndConstraintsLeftOutEqualEmptyOnes()
    {
        var spec = new AppSpec { Cmd = "x" };
        var empty = spec with { HealthChecks = [], ReadinessChecks = [], Constraints = [] };

        Assert.Equal(spec, empty);
        Assert.Equal(spec.GetHashCode(), empty.GetHashCode());
    }

    [Fact]
    public void AppSpec_Equality_PortLabelsByContent()
    {
        var spec = new AppSpec { Cmd = "x", PortDefinitions = [new PortDefinition { Labels = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } }] };
        var reordered = spec with { PortDefinitions = [new PortDefinition { Labels = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } }] };

        Assert.Equal(spec, reordered);
        Assert.Equal(spec.GetHashCode(), reordered.GetHashCode());
    }

    [Fact]
    public void AppSpec_Equality_PortLabelsLeftOutEqualEmptyOnes()
    {
        var spec = new AppSpec { Cmd = "x", PortDefinitions = [new PortDefinition { Name = "http" }] };
        var empty = spec with { PortDefinitions = [new PortDefinition { Name = "http", Labels = new Dictionary<string, string>() }] };

        Assert.Equal(spec, empty);
        Assert.Equal(spec.GetHashCode(), empty.GetHashCode());
    }

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
        Assert.Empty(normalized.HealthChecks!);
        Assert.Empty(normalized.ReadinessChecks!);
        Assert.Empty(normalized.Constraints!);
        Assert.Equal((null, DeploymentTimeoutAction.Fail), (normalized.DeploymentTimeoutSeconds, normalized.DeploymentTimeoutAction));
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
