using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// <c>kill -9</c> of <c>up</c>, then <c>up</c> again on the same data directory: nothing declared is lost, tasks
/// that kept running are re-adopted (not restarted, not duplicated), tasks that ended meanwhile are replaced.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Up_KilledWithSigkill_ReadoptsRunningTasksAndReplacesTheOnesThatEnded()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("durable", "sleep 1000", instances: 3)));
        var before = await _up.RunningAsync("durable", 3);
        var pids = before.ToDictionary(t => (string)t["taskId"]!, t => TaskProcesses.Find((string)t["taskId"]!).Single());

        await _up.KillHardAsync();
        var ended = pids.First();
        Signals.Send(-ended.Value, Signals.Kill); // ends while nobody watches
        await _up.StartAgainAsync();

        var after = await Eventually.Until(() => _up.TasksAsync("durable"),
            tasks => tasks.Count == 3 && tasks.All(t => (string?)t["state"] == "TASK_RUNNING") && tasks.All(t => (string?)t["taskId"] != ended.Key),
            "two re-adopted tasks and one replacement");
        foreach (var (taskId, pid) in pids.Skip(1))
        {
            Assert.Contains(taskId, after.Select(t => (string)t["taskId"]!));
            Assert.Equal([pid], TaskProcesses.Find(taskId)); // the same process: re-adopted, not restarted
        }

        Assert.Equal(3, TaskProcesses.Alive(_up.DataDirectory).Count);
    }

    [Fact]
    public async Task Up_KilledAtAnyMoment_LosesNothingAndDuplicatesNothing()
    {
        var random = new Random(7);
        var app = Manifests.ToFile(Manifests.App("churn", "sleep 1000", instances: 1));
        await _up.CliAsync("apply", "-f", app);
        var desired = 1;
        for (var round = 0; round < 6; round++)
        {
            desired = random.Next(2, 9);
            var scale = _up.CliAsync("scale", "app", "churn", "--instances", desired.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await Task.Delay(random.Next(0, 400));
            await _up.KillHardAsync();
            var acknowledged = (await scale).ExitCode == 0;
            await _up.StartAgainAsync();
            var app2 = await _up.GetJsonAsync("apis/v1/apps/churn");
            var stored = (int)app2["spec"]!["instances"]!;
            if (acknowledged)
            {
                Assert.Equal(desired, stored); // an acknowledged change survives the crash
            }

            desired = stored;
            await _up.RunningAsync("churn", desired, TimeSpan.FromSeconds(60));
            await Eventually.Until(() => TaskProcesses.Alive(_up.DataDirectory).Count == desired,
                $"exactly {desired} task processes after round {round} (no duplicates, no orphans)");
        }
    }

    [Fact]
    public async Task Up_StoppedWithCtrlC_ExitsCleanlyAndLeavesTasksRunning()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("calm", "sleep 1000", instances: 2)));
        await _up.RunningAsync("calm", 2);

        Assert.Equal(0, await _up.InterruptAsync());
        Assert.Contains("2 tasks keep running", _up.Log, StringComparison.Ordinal);
        Assert.Equal(2, TaskProcesses.Alive(_up.DataDirectory).Count);

        await _up.StartAgainAsync();
        await _up.RunningAsync("calm", 2);
        Assert.Equal(2, TaskProcesses.Alive(_up.DataDirectory).Count);
    }
}
