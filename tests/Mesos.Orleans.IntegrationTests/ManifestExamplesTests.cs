using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Docker;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>Every example in <c>manifests/</c> applies and runs.</summary>
public sealed class ManifestExamplesTests
{
    public static TheoryData<string> Examples() => [.. Directory.EnumerateFiles(Repository.Manifests, "*.yaml").Select(f => Path.GetFileName(f)).Order()];

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Manifest_AppliesAndRuns(string file)
    {
        var path = Path.Combine(Repository.Manifests, file);
        if ((await File.ReadAllTextAsync(path)).Contains("type: DOCKER", StringComparison.Ordinal))
        {
            await TestDockerEngine.Shared; // an engine, and the busybox image the Docker examples run
        }

        await using var up = await UpProcess.StartAsync();
        var result = await up.CliAsync("apply", "-f", path);
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var name = line.Split(' ')[0]["app/".Length..];
            var app = await up.GetJsonAsync($"apis/v1/apps/{name}");
            var instances = (int)app["spec"]!["instances"]!;
            await up.RunningAsync(name, instances);
            await Eventually.Until(() => up.GetJsonAsync($"apis/v1/apps/{name}"),
                a => (int?)a["status"]!["instances"]!["healthy"] == instances, $"{name} to be healthy (and ready, where it checks)");
        }
    }
}
