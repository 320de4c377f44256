using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// Marathon's semantics with real tasks whose health and readiness flip on demand: unhealthy tasks are replaced,
/// rolling upgrades keep capacity within the upgrade strategy, readiness holds a deployment, and the rollout
/// commands follow and steer deployments.
/// </summary>
public sealed class HealthAndDeploymentTests : IAsyncLifetime
{
    private const string Checks = """
          portDefinitions: [{name: http}]
          healthChecks: [{protocol: HTTP, path: /health, gracePeriodSeconds: 10, intervalSeconds: 0.5, timeoutSeconds: 5, maxConsecutiveFailures: 3}]
        """;

    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync(cpus: 8);

    public async Task DisposeAsync() => await _up.DisposeAsync();

    private Task<JsonNode> HealthyAsync(string app, int count) =>
        Eventually.Until(() => _up.GetJsonAsync($"apis/v1/apps/{app}"), a => (int?)a["status"]!["instances"]!["healthy"] == count, $"{count} healthy instances of {app}");

    [Fact]
    public async Task HealthCheck_FailingTooOftenGetsTheTaskKilledAndReplaced()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("flaky", FlipServer.Command, extra: Checks)));
        await HealthyAsync("flaky", 1);
        var sick = (string)(await _up.TasksAsync("flaky")).Single()["taskId"]!;

        FlipServer.Flag(_up.DataDirectory, sick, "unhealthy");

        await Eventually.Until(() => _up.TasksAsync("flaky"),
            t => t.Count == 1 && (string?)t[0]["taskId"] != sick && (bool?)t[0]["healthy"] == true, "a healthy replacement");
        var describe = await _up.CliAsync("describe", "app", "flaky");
        Assert.Contains("killed after 3 consecutive failed health checks (HTTP GET /health", describe.Output, StringComparison.Ordinal);
        Assert.Contains("fails its health checks", describe.Output, StringComparison.Ordinal);
        Assert.Matches(@"TASK_RUNNING\s.*\shealthy\s+HTTP GET /health on port \d+: 200", describe.Output);
    }

    [Fact]
    public async Task RollingUpgrade_WaitsForReadinessAndStaysWithinTheStrategy()
    {
        var strategy = Checks + "\n" + """
              readinessChecks: [{name: warm, protocol: HTTP, path: /ready, portName: http, intervalSeconds: 0.2, timeoutSeconds: 5}]
              upgradeStrategy: {minimumHealthCapacity: 1, maximumOverCapacity: 0.34}
            """;
        var v1 = Manifests.App("rolling", FlipServer.Command, instances: 3, extra: strategy + "\n  env: {VERSION: v1}");
        await _up.CliAsync("apply", "-f", Manifests.ToFile(v1));
        await Eventually.Until(() => _up.TasksAsync("rolling"), t => t.Count == 3 && t.All(x => (string?)x["state"] == "TASK_RUNNING"), "v1 running");
        foreach (var task in await _up.TasksAsync("rolling"))
        {
            FlipServer.Flag(_up.DataDirectory, (string)task["taskId"]!, "ready");
        }

        await HealthyAsync("rolling", 3);

        await _up.CliAsync("apply", "-f", Manifests.ToFile(v1.Replace("VERSION: v1", "VERSION: v2", StringComparison.Ordinal)));
        var updated = new HashSet<string>();
        var sampled = 0;
        await Eventually.Until(async () =>
        {
            var tasks = await _up.TasksAsync("rolling");
            sampled++;
            // The strategy at every moment: 3 serving (min 1), at most 4 alive (max 0.34 of 3).
            var serving = tasks.Count(t => (string?)t["state"] == "TASK_RUNNING" && (bool?)t["healthy"] == true && (bool?)t["ready"] != false && (bool?)t["stopRequested"] != true);
            Assert.True(serving >= 3, $"only {serving} serving at sample {sampled}: {string.Join(" | ", tasks.Select(Describe))}");
            Assert.True(tasks.Count <= 4, $"{tasks.Count} instances at sample {sampled}, above the ceiling of 4");
            // New instances become ready only when the test says so, one at a time: readiness holds the deployment.
            foreach (var fresh in tasks.Where(t => (long?)t["configGeneration"] == 2 && (string?)t["state"] == "TASK_RUNNING"))
            {
                var id = (string)fresh["taskId"]!;
                if (updated.Add(id))
                {
                    FlipServer.Flag(_up.DataDirectory, id, "ready");
                }
            }

            return tasks;
        }, t => t.Count == 3 && t.All(x => (long?)x["configGeneration"] == 2 && (bool?)x["ready"] == true), "v2 everywhere", TimeSpan.FromSeconds(60));
        Assert.Equal(3, updated.Count);

        var status = await _up.CliAsync("rollout", "status", "app", "rolling");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("complete", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rollout_HistoryUndoAndAFailingStatus()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("steered", "sleep 1000", extra: "  env: {V: one}")));
        await _up.RunningAsync("steered", 1);
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("steered", "sleep 1000", extra: "  env: {V: two}")));
        await Eventually.Until(() => _up.TasksAsync("steered"), t => t.Count == 1 && (long?)t[0]["configGeneration"] == 2 && (string?)t[0]["state"] == "TASK_RUNNING", "generation 2");

        var history = await _up.CliAsync("rollout", "history", "app", "steered");
        Assert.Matches(@"VERSION\s+CONFIG\s+INSTANCES\s+CREATED\s+COMMAND", history.Output);
        Assert.Equal(3, history.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var undo = await _up.CliAsync("rollout", "undo", "app", "steered");
        Assert.True(undo.ExitCode == 0, undo.ToString());
        var app = await Eventually.Until(() => _up.GetJsonAsync("apis/v1/apps/steered"), a => (string?)a["status"]!["deployment"]!["phase"] == "Complete", "the undo to complete");
        Assert.Equal("one", (string?)app["spec"]!["env"]!["V"]);

        // A deployment that cannot finish in time fails, and rollout status says so with exit code 1.
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("steered", "sleep 1000", cpus: 64, extra: "  env: {V: three}\n  deploymentTimeoutSeconds: 1")));
        var failed = await _up.CliAsync("rollout", "status", "app", "steered", "--timeout", "00:00:30");
        Assert.Equal(1, failed.ExitCode);
        Assert.Contains("failed: did not finish within 1 s", failed.Output, StringComparison.Ordinal);
        Assert.Contains("needs 64 cpus", failed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kill_SendsSigtermThenSigkillAfterTheGracePeriod()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("stubborn", "trap '' TERM; sleep 1000", extra: "  taskKillGracePeriodSeconds: 1")));
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("polite", "trap 'exit 0' TERM; sleep 1000 & wait", extra: "  taskKillGracePeriodSeconds: 30")));
        await _up.RunningAsync("stubborn", 1);
        await _up.RunningAsync("polite", 1);

        await _up.CliAsync("scale", "app", "stubborn", "--instances", "0");
        await _up.CliAsync("scale", "app", "polite", "--instances", "0");

        var stubborn = await StoppedAsync("stubborn");
        Assert.Contains("killed by signal 9 (SIGKILL) after the grace period", stubborn, StringComparison.Ordinal);
        var polite = await StoppedAsync("polite");
        Assert.Contains("exited with code 0", polite, StringComparison.Ordinal); // it took SIGTERM and left in time
        Assert.Empty(TaskProcesses.Alive(_up.DataDirectory));
    }

    // The message of the app's event saying its instance stopped.
    private async Task<string> StoppedAsync(string app)
    {
        var events = await Eventually.Until(() => _up.GetJsonAsync($"apis/v1/apps/{app}/events"),
            e => e["items"]!.AsArray().Any(x => (string?)x!["reason"] == "Killed"), $"{app}'s instance to stop");
        return (string)events["items"]!.AsArray().Last(x => (string?)x!["reason"] == "Killed")!["message"]!;
    }

    private static string Describe(JsonNode task) =>
        $"{task["configGeneration"]}:{task["state"]}{((bool?)task["healthy"] == true ? "+h" : "")}{((bool?)task["ready"] == true ? "+r" : "")}{((bool?)task["stopRequested"] == true ? "(stop)" : "")}";
}
