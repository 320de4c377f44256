using System.Globalization;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Docker;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// Apps in Docker containers on a real <c>mesos-orleans up</c> and a real engine: serving on mapped and host ports,
/// replaced after a <c>docker kill</c>, re-adopted after a <c>kill -9</c> of <c>up</c>, failing clearly on a missing
/// image or a memory limit, and waiting where no agent has Docker.
/// </summary>
public sealed class DockerAppsTests : IAsyncLifetime
{
    private readonly string _run = TestDockerEngine.NewRunId();
    private TestDockerEngine _engine = null!;
    private UpProcess? _up;

    private UpProcess Up => _up ?? throw new InvalidOperationException("up is not started");

    public async Task InitializeAsync() => _engine = await TestDockerEngine.Shared;

    public async Task DisposeAsync()
    {
        if (_up is not null)
        {
            await _up.DisposeAsync();
        }

        await _engine.RemoveContainersAsync(TestDockerEngine.RunLabel, _run);
    }

    [Fact]
    public async Task DockerApp_ServesOnItsMappedHostPortAndOnPort0OfTheHostNetwork()
    {
        _up = await UpProcess.StartAsync();
        Assert.Contains("containerizers: docker, process", Up.Log, StringComparison.Ordinal);
        await ApplyAsync(Manifests.DockerApp("bridged", Httpd("8080"), _run, instances: 2, portMappings: "[{containerPort: 8080, name: http}]"));
        await ApplyAsync(Manifests.DockerApp("hosted", Httpd("$PORT0"), _run));

        var bridged = await Up.RunningAsync("bridged", 2);
        var hosted = Assert.Single(await Up.RunningAsync("hosted", 1));

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var task in bridged.Append(hosted))
        {
            var port = (int)task["ports"]![0]!;
            Assert.InRange(port, Up.Ports.Begin, Up.Ports.End);
            var body = await Eventually.Until(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{port}/")), _ => true, $"httpd on port {port}");
            Assert.Equal($"hello from {(string)task["taskId"]!}\n", body);
        }

        Assert.Equal(3, await CountContainersAsync(running: true));
    }

    [Fact]
    public async Task DockerApp_ContainerKilledWithDockerKill_IsReplaced()
    {
        _up = await UpProcess.StartAsync();
        await ApplyAsync(Manifests.DockerApp("victim", "sleep 1000", _run, instances: 2));
        var before = await Up.RunningAsync("victim", 2);
        var victim = (string)before[0]["taskId"]!;

        await _engine.Client.Containers.KillAsync(Assert.Single(await _engine.ContainersAsync(DockerContainers.TaskLabel, victim)));

        await Eventually.Until(() => Up.TasksAsync("victim"),
            tasks => tasks.Count == 2 && tasks.All(t => (string?)t["state"] == "TASK_RUNNING") && tasks.All(t => (string?)t["taskId"] != victim),
            "the killed container's task to be replaced");
        var describe = await Up.CliAsync("describe", "app", "victim");
        Assert.Contains("Last failure: TASK_FAILED, exit code 137", describe.Output, StringComparison.Ordinal);
        Assert.Contains($"instance {victim[..victim.LastIndexOf("._app.", StringComparison.Ordinal)]}: exited with code 137 (SIGKILL)", describe.Output, StringComparison.Ordinal);
        await Eventually.Until(() => CountContainersAsync(running: false), n => n == 2, "the killed container to be removed, two left");
    }

    [Fact]
    public async Task DockerApp_UpKilledWithSigkill_ContainersKeepRunningAndAreReadoptedWithoutDuplicates()
    {
        _up = await UpProcess.StartAsync();
        await ApplyAsync(Manifests.DockerApp("durable", "sleep 1000", _run, instances: 3));
        var before = (await Up.RunningAsync("durable", 3)).Select(t => (string)t["taskId"]!).Order(StringComparer.Ordinal).ToList();
        var containers = await ContainerIdsAsync();

        await Up.KillHardAsync();
        Assert.Equal(3, await CountContainersAsync(running: true)); // nobody stops them
        await Up.StartAgainAsync();

        var after = await Up.RunningAsync("durable", 3);
        Assert.Equal(before, after.Select(t => (string)t["taskId"]!).Order(StringComparer.Ordinal));
        Assert.Equal(containers, await ContainerIdsAsync()); // the same containers: re-adopted, not restarted, none added
        var app = await Up.GetJsonAsync("apis/v1/apps/durable");
        Assert.Null(app["status"]!["lastFailure"]);
    }

    [Fact]
    public async Task DockerApp_ImageThatDoesNotExist_FailsClearlyAndBacksOff()
    {
        _up = await UpProcess.StartAsync();
        await ApplyAsync(Manifests.DockerApp("imageless", "true", _run, image: "mesos-orleans-test/does-not-exist:latest", backoffSeconds: 0.3, extra: "  backoffFactor: 2"));

        var app = await Eventually.Until(() => Up.GetJsonAsync("apis/v1/apps/imageless"),
            a => (int?)a["status"]!["backoff"]?["failures"] >= 3, "three failed launches");

        // Each failure waited out the backoff before the next launch: 0.3 s, then 0.6 s, …
        var backoff = app["status"]!["backoff"]!;
        var failures = (int)backoff["failures"]!;
        Assert.Equal(0.3 * Math.Pow(2, failures - 1), (double)backoff["delaySeconds"]!, 6);
        var failed = (await Up.GetJsonAsync("apis/v1/apps/imageless/events"))["items"]!.AsArray()
            .Where(e => (string?)e!["reason"] == "InstanceFailed").Select(e => DateTimeOffset.Parse((string)e!["at"]!, CultureInfo.InvariantCulture)).Order().ToList();
        Assert.True(failed.Count >= 3, $"{failed.Count} failures recorded");
        for (var i = 1; i < failed.Count; i++)
        {
            var delay = TimeSpan.FromSeconds(0.3 * Math.Pow(2, i - 1));
            Assert.True(failed[i] - failed[i - 1] >= delay, $"failure {i + 1} came {(failed[i] - failed[i - 1]).TotalSeconds} s after the one before, within its {delay.TotalSeconds} s backoff");
        }

        Assert.Equal(0, await CountContainersAsync(running: false)); // nothing was created, let alone left behind
        var lastFailure = app["status"]!["lastFailure"]!;
        Assert.Equal("TASK_FAILED", (string?)lastFailure["state"]);
        Assert.StartsWith("the task could not be started: Pull of image 'mesos-orleans-test/does-not-exist:latest' failed: ", (string?)lastFailure["message"], StringComparison.Ordinal);
        // Between a backoff's end and the next failed pull the app is not backing off: describe until it is.
        var describe = await Eventually.Until(() => Up.CliAsync("describe", "app", "imageless"),
            d => d.Output.Contains("CrashLoopBackOff", StringComparison.Ordinal), "describe shows the backoff");
        Assert.Contains("Pull of image 'mesos-orleans-test/does-not-exist:latest' failed", describe.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerApp_OverItsMemoryLimit_IsKilledAndDescribeSaysSo()
    {
        _up = await UpProcess.StartAsync();
        await ApplyAsync(Manifests.DockerApp("greedy", "echo growing; x=a; while true; do x=$x$x; done", _run, cpus: 1, mem: 16, backoffSeconds: 30)); // a whole CPU: under a small quota the growth is slow

        var app = await Eventually.Until(() => Up.GetJsonAsync("apis/v1/apps/greedy"), a => a["status"]!["lastFailure"] is not null, "the memory kill");

        var lastFailure = app["status"]!["lastFailure"]!;
        Assert.Equal(("TASK_FAILED", 137), ((string?)lastFailure["state"], (int?)lastFailure["exitCode"]));
        Assert.Equal("the container went over its memory limit of 16 MB and was killed (exit code 137)", (string?)lastFailure["message"]);
        var describe = await Up.CliAsync("describe", "app", "greedy");
        Assert.Contains("the container went over its memory limit of 16 MB and was killed (exit code 137)", describe.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerApp_OnAnAgentWithoutDocker_WaitsAndDescribeSaysWhy()
    {
        _up = await UpProcess.StartAsync(extraArgs: ["--containerizers", "process"]);
        Assert.Contains("containerizers: process", Up.Log, StringComparison.Ordinal);
        await ApplyAsync(Manifests.DockerApp("boxed", "sleep 1000", _run));

        await Eventually.Until(() => Up.GetJsonAsync("apis/v1/apps/boxed"), a => a["status"]!["pendingReason"] is not null, "a reason to wait");
        var describe = await Up.CliAsync("describe", "app", "boxed");

        Assert.Contains("Waiting:      no agent offered has the docker containerizer (offered: process)", describe.Output, StringComparison.Ordinal);
        Assert.Equal(["SCHEDULED"], (await Up.TasksAsync("boxed")).Select(t => (string?)t["state"]));
        Assert.Equal(0, await CountContainersAsync(running: false));
    }

    [Fact]
    public async Task Up_AskedForDockerWithoutAnEngine_SaysSoAndExitsWith1()
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-it-").FullName;
        try
        {
            var info = MesosOrleansExecutable.StartInfo(["up", "--data-dir", directory, "--listen", $"127.0.0.1:{FreePort.Next()}", "--containerizers", "docker,process"]);
            info.Environment["DOCKER_HOST"] = $"unix://{directory}/no-engine.sock";
            using var process = System.Diagnostics.Process.Start(info)!;
            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, process.ExitCode);
            Assert.Contains($"Warning: --containerizers asks for docker, but no Docker engine answers at unix://{directory}/no-engine.sock", await error, StringComparison.Ordinal);
            Assert.DoesNotContain("Mesos.Orleans is up.", await output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    // busybox's httpd, serving a page that names its task.
    private static string Httpd(string port) => $"echo hello from $MESOS_TASK_ID > /www/index.html && exec httpd -f -p {port} -h /www";

    private async Task ApplyAsync(string manifest)
    {
        var result = await Up.CliAsync("apply", "-f", Manifests.ToFile(manifest));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private async Task<IReadOnlyList<string>> ContainerIdsAsync() =>
        [.. (await _engine.ContainersAsync(TestDockerEngine.RunLabel, _run)).Order(StringComparer.Ordinal)];

    private async Task<int> CountContainersAsync(bool running) =>
        (await _engine.Client.Containers.ListAsync(DockerFilters.Label(TestDockerEngine.RunLabel, _run), all: !running)).Count;
}
