using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>What <c>get</c> prints, and that its YAML applies back unchanged.</summary>
public sealed class CliOutputTests : IAsyncLifetime
{
    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Get_PrintsTablesJsonAndYaml()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("printed", "sleep 1000", instances: 2)));
        await _up.RunningAsync("printed", 2);

        var apps = await Eventually.Until(() => _up.CliAsync("get", "apps"), r => r.Output.Contains("2/2", StringComparison.Ordinal), "the app to show 2/2 ready");
        Assert.Matches(@"NAME\s+READY\s+UP-TO-DATE\s+STATUS\s+GENERATION\s+AGE", apps.Output);
        Assert.Matches(@"printed\s+2/2\s+2\s+Running\s+1\s", apps.Output);

        var wide = await _up.CliAsync("get", "tasks", "-o", "wide");
        Assert.Contains("AGENT", wide.Output, StringComparison.Ordinal);
        Assert.Equal(3, wide.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var json = await _up.CliAsync("get", "agents", "-o", "json");
        Assert.Contains("\"containerizers\"", json.Output, StringComparison.Ordinal);

        var frameworks = await _up.CliAsync("get", "frameworks");
        Assert.Matches(@"apps\s+\*\s+true", frameworks.Output);
    }

    [Fact]
    public async Task Get_YamlAppliesBackUnchanged()
    {
        var first = await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("roundtrip", "sleep 1000")));
        Assert.Contains("created", first.Output, StringComparison.Ordinal);

        var yaml = await _up.CliAsync("get", "apps", "roundtrip", "-o", "yaml");
        var again = await _up.CliWithInputAsync(yaml.Output, "apply", "-f", "-");

        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("app/roundtrip unchanged", again.Output, StringComparison.Ordinal);
        var app = await _up.GetJsonAsync("apis/v1/apps/roundtrip");
        Assert.Equal(1, (int)app["metadata"]!["generation"]!);
    }
}
