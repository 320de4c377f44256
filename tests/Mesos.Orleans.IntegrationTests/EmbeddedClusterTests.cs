using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>The tour of the README, on a real <c>mesos-orleans up</c>: apply, serve, lose a task, scale, delete.</summary>
public sealed class EmbeddedClusterTests : IAsyncLifetime
{
    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Up_RunsTheAppliedInstancesAndTheyServe()
    {
        var apply = await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("web", "python3 -m http.server $PORT0", instances: 3)));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("app/web created", apply.Output, StringComparison.Ordinal);

        var tasks = await _up.RunningAsync("web", 3);
        using var http = new HttpClient();
        foreach (var port in tasks.Select(t => (int)t["ports"]![0]!))
        {
            Assert.InRange(port, _up.Ports.Begin, _up.Ports.End);
            var answer = await Eventually.Until(() => http.GetAsync(new Uri($"http://127.0.0.1:{port}/")), r => r.StatusCode == HttpStatusCode.OK, $"the server on {port} to answer");
            answer.Dispose();
        }

        Assert.Equal(3, tasks.Select(t => (int)t["ports"]![0]!).Distinct().Count());
    }

    [Fact]
    public async Task Up_ReplacesATaskWhoseProcessIsKilled()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("sleeper", "sleep 1000", instances: 2)));
        var before = await _up.RunningAsync("sleeper", 2);
        var victim = (string)before[0]!["taskId"]!;
        var pid = TaskProcesses.Find(victim).Single();

        Signals.Send(-pid, Signals.Kill);

        var after = await Eventually.Until(() => _up.TasksAsync("sleeper"),
            tasks => tasks.Count == 2 && tasks.All(t => (string?)t["state"] == "TASK_RUNNING") && tasks.All(t => (string?)t["taskId"] != victim),
            "the killed task to be replaced");
        Assert.Contains((string)before[1]!["taskId"]!, after.Select(t => (string)t!["taskId"]!));
        var describe = await _up.CliAsync("describe", "app", "sleeper");
        Assert.Contains("Last failure:", describe.Output, StringComparison.Ordinal);
        Assert.Contains("killed by signal 9 (SIGKILL)", describe.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_ScalesAndDeletesThroughTheCli()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("scaled", "sleep 1000", instances: 1)));
        await _up.RunningAsync("scaled", 1);

        var scale = await _up.CliAsync("scale", "app", "scaled", "--instances", "4");
        Assert.True(scale.ExitCode == 0, scale.ToString());
        await _up.RunningAsync("scaled", 4);

        await _up.CliAsync("scale", "app", "scaled", "--instances", "2");
        await _up.RunningAsync("scaled", 2);

        var delete = await _up.CliAsync("delete", "app", "scaled");
        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("app/scaled deleted", delete.Output, StringComparison.Ordinal);
        await Eventually.Until(() => _up.TasksAsync("scaled"), t => t.Count == 0, "every instance to be gone");
        await Eventually.Until(() => TaskProcesses.Find("sleep 1000").Count == 0 || TaskProcesses.Alive(_up.DataDirectory).Count == 0, "the processes to be killed");
        var get = await _up.CliAsync("get", "apps", "scaled");
        Assert.Equal(1, get.ExitCode);
        Assert.Contains("does not exist", get.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_BacksOffACrashingAppAndSaysWhy()
    {
        // A 1 s backoff keeps the app at three failures for 4 s: long enough for `describe` (a process start per poll)
        // to see it on a busy machine, which a 0.8 s window was not.
        var crash = Manifests.App("crasher", "echo going down >&2; exit 3", extra: "  backoffFactor: 2")
            .Replace("backoffSeconds: 0.2", "backoffSeconds: 1", StringComparison.Ordinal);
        await _up.CliAsync("apply", "-f", Manifests.ToFile(crash));

        // At least three failures: a loaded machine may not catch the describe between the third and the fourth.
        var describe = await Eventually.Until(() => _up.CliAsync("describe", "app", "crasher"),
            r => r.Output.Contains("CrashLoopBackOff", StringComparison.Ordinal) && FailuresIn(r.Output) >= 3,
            "the app to back off after three failures");
        Assert.Contains("exit code 3", describe.Output, StringComparison.Ordinal);
        Assert.Contains("stderr | going down", describe.Output, StringComparison.Ordinal);
        var failures = FailuresIn(describe.Output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{failures} failures, current delay {1 * Math.Pow(2, failures - 1):0.###} s"), describe.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Up_SaysWhyAnInstanceThatFitsNowhereWaits()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("huge", "sleep 1000", cpus: 8)));

        var describe = await Eventually.Until(() => _up.CliAsync("describe", "app", "huge"),
            r => r.Output.Contains("Waiting:", StringComparison.Ordinal), "the app to say why it waits");
        Assert.Contains("needs 8 cpus, the largest offer has 4", describe.Output, StringComparison.Ordinal);
        Assert.Contains("WaitingForResources", describe.Output, StringComparison.Ordinal);
        var tasks = await _up.TasksAsync("huge");
        Assert.Equal("SCHEDULED", (string?)Assert.Single(tasks)["state"]);
    }

    // The failure count of describe's Backoff line ("…; 3 failures, current delay 0.8 s, …"), or 0.
    private static int FailuresIn(string describe) =>
        Regex.Match(describe, @"; (\d+) failures, current delay") is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
}
