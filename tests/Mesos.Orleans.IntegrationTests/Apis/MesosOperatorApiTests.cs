using System.Net;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>Mesos' operator endpoints on a real <c>up</c> running two tasks and one that waits.</summary>
public sealed class MesosOperatorApiTests(UpFixture fixture) : IClassFixture<UpFixture>, IAsyncLifetime
{
    private UpProcess Up => fixture.Up;

    public async Task InitializeAsync()
    {
        if ((await Up.TasksAsync("operated")).Count == 0)
        {
            await Up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("operated", "sleep 1000", instances: 2, cpus: 0.5, mem: 64)));
        }

        await Up.RunningAsync("operated", 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task State_ListsTheAgentTheFrameworkAndItsTasks()
    {
        var state = await Up.GetJsonAsync("master/state");

        Assert.Equal($"master@127.0.0.1:{Up.ApiPort}", (string?)state["leader"]);
        Assert.Equal((string?)state["pid"], (string?)state["leader_info"]!["pid"]);
        Assert.Equal((1, 0, 0), ((int)state["activated_slaves"]!, (int)state["deactivated_slaves"]!, (int)state["unreachable_slaves"]!));
        Assert.True((double)state["start_time"]! > 1.6e9);
        var agent = state["slaves"]!.AsArray().Single()!;
        Assert.True((bool)agent["active"]!);
        Assert.Equal((4.0, 4096.0, $"[{Up.Ports.Begin}-{Up.Ports.End}]"), ((double)agent["resources"]!["cpus"]!, (double)agent["resources"]!["mem"]!, (string?)agent["resources"]!["ports"]));
        Assert.Equal((1.0, 128.0), ((double)agent["used_resources"]!["cpus"]!, (double)agent["used_resources"]!["mem"]!));
        var framework = state["frameworks"]!.AsArray().Single()!;
        Assert.Equal(("apps", true), ((string?)framework["id"], (bool)framework["active"]!));
        Assert.Equal(1.0, (double)framework["used_resources"]!["cpus"]!);
        var tasks = framework["tasks"]!.AsArray();
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t =>
        {
            Assert.Equal(("TASK_RUNNING", "apps", (string?)agent["id"], "operated"), ((string?)t!["state"], (string?)t["framework_id"], (string?)t["slave_id"], (string?)t["name"]));
            Assert.Equal(0.5, (double)t["resources"]!["cpus"]!);
            Assert.Equal(["TASK_STAGING", "TASK_RUNNING"], t["statuses"]!.AsArray().Select(s => (string)s!["state"]!));
        });
    }

    [Fact]
    public async Task StateSummary_CountsTasksByState()
    {
        var summary = await Up.GetJsonAsync("master/state-summary");

        var agent = summary["slaves"]!.AsArray().Single()!;
        var framework = summary["frameworks"]!.AsArray().Single()!;
        Assert.Equal((2, 0), ((int)agent["TASK_RUNNING"]!, (int)agent["TASK_FAILED"]!));
        Assert.Equal(["apps"], agent["framework_ids"]!.AsArray().Select(f => (string)f!));
        Assert.Equal(2, (int)framework["TASK_RUNNING"]!);
        Assert.Equal([(string)agent["id"]!], framework["slave_ids"]!.AsArray().Select(s => (string)s!));
        Assert.False(framework.AsObject().ContainsKey("tasks"));
    }

    [Fact]
    public async Task FrameworksAndSlaves_AnswerAsMesos()
    {
        var frameworks = await Up.GetJsonAsync("master/frameworks");
        var slaves = await Up.GetJsonAsync("master/slaves");

        Assert.Equal("apps", (string?)frameworks["frameworks"]![0]!["id"]);
        Assert.Empty(frameworks["completed_frameworks"]!.AsArray());
        Assert.Single(slaves["slaves"]!.AsArray());
        Assert.Empty(slaves["recovered_slaves"]!.AsArray());
    }

    [Fact]
    public async Task Metrics_ReportWhatTheMasterSees()
    {
        var metrics = await Up.GetJsonAsync("metrics/snapshot");

        Assert.Equal(1, (double)metrics["master/elected"]!);
        Assert.Equal(1, (double)metrics["master/slaves_active"]!);
        Assert.Equal(1, (double)metrics["master/frameworks_active"]!);
        Assert.Equal(2, (double)metrics["master/tasks_running"]!);
        Assert.Equal(0, (double)metrics["master/tasks_staging"]!);
        Assert.NotNull(metrics["master/tasks_failed"]);
        Assert.Equal((4.0, 1.0, 0.25), ((double)metrics["master/cpus_total"]!, (double)metrics["master/cpus_used"]!, (double)metrics["master/cpus_percent"]!));
        Assert.True((double)metrics["master/uptime_secs"]! > 0);
    }

    [Fact]
    public async Task Metrics_CountATaskThatFails()
    {
        var task = (string)(await Up.RunningAsync("operated", 2))[0]["taskId"]!;
        var before = (double)(await Up.GetJsonAsync("metrics/snapshot"))["master/tasks_failed"]!;

        Signals.Send(-TaskProcesses.Find(task).Single(), Signals.Kill);

        await Eventually.Until(() => Up.GetJsonAsync("metrics/snapshot"), m => (double)m["master/tasks_failed"]! == before + 1, "the failure to be counted");
    }

    [Fact]
    public async Task RedirectAndHealth_AnswerAsMesos()
    {
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(Up.Server) };
        using var redirect = await http.GetAsync(new Uri("/master/redirect", UriKind.Relative));
        using var health = await http.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
        Assert.Equal($"//127.0.0.1:{Up.ApiPort}", redirect.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
