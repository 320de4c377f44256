using System.Net;
using System.Text;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>Bad input gets every problem with its path, HTTP 422, and changes nothing.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const string Broken = """
        apiVersion: mesos-orleans.io/v1
        kind: App
        metadata:
          name: Not_Valid
        spec:
          cmd: "sleep 1"
          args: ["sleep", "1"]
          cpus: -1
          mem: "lots"
          instnces: 2
        """;

    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Apply_ReturnsEveryProblemWithItsPathAnd422()
    {
        using var response = await _up.Http.PostAsync(new Uri("apis/v1/apply", UriKind.Relative), new StringContent(Broken, Encoding.UTF8, "application/yaml"));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("\"message\":\"Object is not valid\"", body, StringComparison.Ordinal);
        foreach (var path in new[] { "spec.mem", "spec.instnces" })
        {
            Assert.Contains($"\"path\":\"{path}\"", body, StringComparison.Ordinal);
        }

        Assert.Contains("did you mean 'instances'", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_ReportsRuleViolationsOnceTypesAreRight()
    {
        var typed = Broken.Replace("mem: \"lots\"", "mem: 64", StringComparison.Ordinal).Replace("instnces", "instances", StringComparison.Ordinal);

        var result = await _up.CliWithInputAsync(typed, "apply", "-f", "-");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("metadata.name", result.Error, StringComparison.Ordinal);
        Assert.Contains("spec.cpus: must be 0 or more", result.Error, StringComparison.Ordinal);
        Assert.Contains("cmd and args cannot both be set", result.Error, StringComparison.Ordinal);
        Assert.Contains("<stdin>:", result.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_DirectoryWithOneBadFileAppliesNothing()
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-manifests-").FullName;
        File.WriteAllText(Path.Combine(directory, "a-good.yaml"), Manifests.App("good", "sleep 1000"));
        File.WriteAllText(Path.Combine(directory, "b-bad.yaml"), Manifests.App("bad", "sleep 1000").Replace("cpus: 0.1", "cpus: -1", StringComparison.Ordinal));

        var result = await _up.CliAsync("apply", "-f", directory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("b-bad.yaml:8: spec.cpus: must be 0 or more, not -1", result.Error, StringComparison.Ordinal);
        var apps = await _up.GetJsonAsync("apis/v1/apps");
        Assert.Empty(apps["items"]!.AsArray());
    }

    [Fact]
    public async Task Apply_RefusesUnknownKindsAndBadYaml()
    {
        var kind = await _up.CliWithInputAsync("apiVersion: mesos-orleans.io/v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n", "apply", "-f", "-");
        Assert.Equal(1, kind.ExitCode);
        Assert.Contains("kind: unknown kind string \"Pod\"", kind.Error, StringComparison.Ordinal);

        var yaml = await _up.CliWithInputAsync("apiVersion: [unclosed\n", "apply", "-f", "-");
        Assert.Equal(1, yaml.ExitCode);
        Assert.Contains("<stdin>:", yaml.Error, StringComparison.Ordinal);
        Assert.Contains("invalid YAML", yaml.Error, StringComparison.Ordinal);

        using var response = await _up.Http.PostAsync(new Uri("apis/v1/apply", UriKind.Relative), new StringContent("{\"kind\": ", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Cli_ExitCodesSayWhoSaidNo()
    {
        Assert.Equal(2, (await _up.CliAsync("get", "pods")).ExitCode);
        Assert.Equal(2, (await _up.CliAsync("scale", "app", "x")).ExitCode);
        Assert.Equal(1, (await _up.CliAsync("get", "apps", "missing")).ExitCode);
        var unreachable = await MesosOrleansExecutable.RunAsync("http://127.0.0.1:1", null, "get", "apps");
        Assert.Equal(1, unreachable.ExitCode);
        Assert.Contains("cannot reach the master", unreachable.Error, StringComparison.Ordinal);
    }
}
