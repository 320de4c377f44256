using System.Diagnostics;
using System.Globalization;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>
/// Recovery after an agent restart, simulated in one process: instance A launches and is abandoned, instance B
/// on the same root recovers. B watches through pidfds because it did not start the tasks.
/// </summary>
public sealed class ProcessContainerizerRecoveryTests : IDisposable
{
    private const string WaitForGo = "while [ ! -e go ]; do sleep 0.05; done";
    private readonly ProcessTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ProcessContainerizer_RecoverReadoptsRunningTaskAndReportsItsExitCode()
    {
        var launch = _bed.Shell("task-1", $"{WaitForGo}; exit 7");
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), launch);
        var restarted = _bed.NewContainerizer();

        var recovered = await restarted.RecoverAsync([record], CancellationToken.None);
        var exit = restarted.WaitAsync("task-1", CancellationToken.None);

        var only = Assert.Single(recovered);
        Assert.True(only.Running);
        Assert.Same(record, only.Record);
        Assert.False(exit.IsCompleted);
        await File.WriteAllTextAsync(Path.Combine(launch.SandboxDirectory, "go"), "");
        var ended = await exit.WaitAsync(ProcessTestBed.Patience);
        Assert.Equal(7, ended.ExitCode);
        Assert.Null(ended.Signal);
        Assert.False(ended.KilledOnRequest);
        Assert.Equal("exited with code 7", ended.Message);
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverReportsTaskThatEndedWhileAgentWasDown()
    {
        var first = _bed.NewContainerizer();
        var record = await _bed.LaunchAsync(first, _bed.Shell("task-1", "exit 5"));
        await first.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None));

        Assert.False(recovered.Running);
        var expected = new ContainerExit { ExitCode = 5, Message = "exited with code 5 while the agent was down" };
        Assert.Equal(expected, recovered.Exit);
        Assert.Equal(expected, await restarted.WaitAsync("task-1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverReportsUnknownStatusWhenTaskLeftNone()
    {
        var launch = _bed.Shell("task-1", "sleep 1000");
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), launch);
        // SIGKILL the wrapper itself, behind the containerizer's back: it records no status.
        Assert.True(ProcessGroup.Signal(ProcessTestBed.Pid(record), ProcessTestBed.StartTime(record), NativeMethods.SIGKILL));
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(ProcessTestBed.Pid(record)), "the wrapper is dead");
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None));

        Assert.Equal(new ContainerExit { Message = "exited while the agent was down; exit status unknown" }, recovered.Exit);
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverDestroysContainersItDoesNotOwn()
    {
        var first = _bed.NewContainerizer();
        var owned = await _bed.LaunchAsync(first, _bed.Shell("owned", "sleep 1000"));
        var leftoverLaunch = _bed.Shell("leftover", "sleep 1000 & echo $! > child; wait");
        var leftover = await _bed.LaunchAsync(first, leftoverLaunch);
        var leftoverChild = await ProcessTestBed.ReadPidFileAsync(Path.Combine(leftoverLaunch.SandboxDirectory, "child"));
        var restarted = _bed.NewContainerizer();

        var recovered = await restarted.RecoverAsync([owned], CancellationToken.None);

        Assert.True(Assert.Single(recovered).Running);
        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "leftover")));
        Assert.True(Directory.Exists(Path.Combine(_bed.Root, "owned")));
        Assert.True(Directory.Exists(leftoverLaunch.SandboxDirectory));
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(ProcessTestBed.Pid(leftover)), "the leftover wrapper is gone");
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(leftoverChild), "the leftover's child is gone");
        Assert.True(ProcessTestBed.IsRunning(ProcessTestBed.Pid(owned)));
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverTreatsLivePidWithOtherStartTimeAsEnded()
    {
        using var stranger = Process.Start("sleep", "1000");
        try
        {
            Assert.True(ProcStat.TryRead(stranger.Id, out var stat));
            var data = new Dictionary<string, string>
            {
                [ProcessContainerizer.PidKey] = stranger.Id.ToString(CultureInfo.InvariantCulture),
                [ProcessContainerizer.StartTimeKey] = (stat.StartTime + 1).ToString(CultureInfo.InvariantCulture),
            };
            var record = new ContainerRecord("task-1", "process", _bed.SandboxOf("task-1"), data);
            var containerizer = _bed.NewContainerizer();

            var recovered = Assert.Single(await containerizer.RecoverAsync([record], CancellationToken.None));

            Assert.Equal(new ContainerExit { Message = "exited while the agent was down; exit status unknown" }, recovered.Exit);
            await containerizer.KillAsync("task-1", TimeSpan.Zero, CancellationToken.None);
            Assert.True(ProcessTestBed.IsRunning(stranger.Id));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverLeavesReusedPidOfUnownedContainerAlone()
    {
        using var stranger = Process.Start("sleep", "1000");
        try
        {
            Assert.True(ProcStat.TryRead(stranger.Id, out var stat));
            var metadata = Path.Combine(_bed.Root, "stale");
            Directory.CreateDirectory(metadata);
            await File.WriteAllTextAsync(Path.Combine(metadata, "pid"), $"{stranger.Id} {stat.StartTime + 1}\n");

            await _bed.NewContainerizer().RecoverAsync([], CancellationToken.None);

            Assert.False(Directory.Exists(metadata));
            Assert.True(ProcessTestBed.IsRunning(stranger.Id));
        }
        finally
        {
            stranger.Kill();
        }
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverIgnoresRecordsOfOtherKinds()
    {
        var record = new ContainerRecord("docker-task", "docker", _bed.SandboxOf("docker-task"), new Dictionary<string, string>());

        var recovered = await _bed.NewContainerizer().RecoverAsync([record], CancellationToken.None);

        Assert.Empty(recovered);
    }

    [Fact]
    public async Task ProcessContainerizer_KillOfReadoptedTaskEscalatesAfterGracePeriod()
    {
        var launch = _bed.Shell("task-1", "trap '' TERM; echo > ready; sleep 1000");
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), launch);
        await ProcessTestBed.ReadWhenWrittenAsync(Path.Combine(launch.SandboxDirectory, "ready"));
        var restarted = _bed.NewContainerizer();
        Assert.True(Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None)).Running);

        await restarted.KillAsync("task-1", TimeSpan.FromMilliseconds(200), CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        var exit = await restarted.WaitAsync("task-1", CancellationToken.None);
        Assert.Equal(new ContainerExit { Signal = 9, KilledOnRequest = true, Message = "killed by signal 9 (SIGKILL) after the grace period" }, exit);
    }

    [Fact]
    public async Task ProcessContainerizer_KillOfReadoptedTaskReportsItsExitCode()
    {
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), _bed.Shell("task-1", "sleep 1000"));
        var restarted = _bed.NewContainerizer();
        Assert.True(Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None)).Running);

        await restarted.KillAsync("task-1", TimeSpan.FromMinutes(5), CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        var exit = await restarted.WaitAsync("task-1", CancellationToken.None);
        Assert.Equal(new ContainerExit { ExitCode = 143, KilledOnRequest = true, Message = "exited with code 143 (SIGTERM) after being asked to stop" }, exit);
    }

    [Fact]
    public async Task ProcessContainerizer_DestroyOfReadoptedTaskKillsItAndRemovesMetadata()
    {
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), _bed.Shell("task-1", "sleep 1000"));
        var restarted = _bed.NewContainerizer();
        await restarted.RecoverAsync([record], CancellationToken.None);

        await restarted.DestroyAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.False(ProcessTestBed.IsRunning(ProcessTestBed.Pid(record)));
        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "task-1")));
    }

    [Fact]
    public async Task ProcessContainerizer_RecoverUsesPidFileWhenRecordLacksData()
    {
        var launch = _bed.Shell("task-1", $"{WaitForGo}; exit 4");
        var record = await _bed.LaunchAsync(_bed.NewContainerizer(), launch);
        var restarted = _bed.NewContainerizer();

        var recovered = await restarted.RecoverAsync([record with { Data = new Dictionary<string, string>() }], CancellationToken.None);

        Assert.True(Assert.Single(recovered).Running);
        await File.WriteAllTextAsync(Path.Combine(launch.SandboxDirectory, "go"), "");
        Assert.Equal(4, (await restarted.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience)).ExitCode);
    }
}
