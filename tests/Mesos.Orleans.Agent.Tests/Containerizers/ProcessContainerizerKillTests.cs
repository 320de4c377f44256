using Mesos.Orleans.Agent.Containerizers.Processes;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>Killing containers: SIGTERM to the group, SIGKILL after the grace period, the whole tree.</summary>
public sealed class ProcessContainerizerKillTests : IDisposable
{
    private static readonly TimeSpan LongGrace = TimeSpan.FromMinutes(5);
    private readonly ProcessTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ProcessContainerizer_KillLetsTaskThatHandlesTermExitCleanly()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "trap 'echo bye; exit 0' TERM; echo > ready; sleep 1000 & wait");
        await _bed.LaunchAsync(containerizer, launch);
        await ProcessTestBed.ReadWhenWrittenAsync(Path.Combine(launch.SandboxDirectory, "ready"));

        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);

        Assert.Equal(0, exit.ExitCode);
        Assert.Null(exit.Signal);
        Assert.True(exit.KilledOnRequest);
        Assert.False(exit.Succeeded);
        Assert.Equal("exited with code 0 after being asked to stop", exit.Message);
        Assert.Equal("bye\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stdout")));
    }

    [Fact]
    public async Task ProcessContainerizer_KillOfTaskWithDefaultTermReportsTheShellsCode()
    {
        var containerizer = _bed.NewContainerizer();
        await _bed.LaunchAsync(containerizer, _bed.Argv("task-1", "sleep", "1000"));

        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);

        Assert.Equal(143, exit.ExitCode);
        Assert.Null(exit.Signal);
        Assert.True(exit.KilledOnRequest);
        Assert.Equal("exited with code 143 (SIGTERM) after being asked to stop", exit.Message);
    }

    [Fact]
    public async Task ProcessContainerizer_KillEscalatesToSigkillWhenTaskIgnoresTerm()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "trap '' TERM; echo > ready; sleep 1000");
        var record = await _bed.LaunchAsync(containerizer, launch);
        await ProcessTestBed.ReadWhenWrittenAsync(Path.Combine(launch.SandboxDirectory, "ready"));

        await containerizer.KillAsync("task-1", TimeSpan.FromMilliseconds(200), CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);

        Assert.Null(exit.ExitCode);
        Assert.Equal(9, exit.Signal);
        Assert.True(exit.KilledOnRequest);
        Assert.Equal("killed by signal 9 (SIGKILL) after the grace period", exit.Message);
        Assert.False(ProcessTestBed.IsRunning(ProcessTestBed.Pid(record)));
    }

    [Fact]
    public async Task ProcessContainerizer_KillTakesDownTheWholeProcessTree()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "sh -c 'sleep 1000 & echo $! > grandchild; wait' & wait");
        await _bed.LaunchAsync(containerizer, launch);
        var grandchild = await ProcessTestBed.ReadPidFileAsync(Path.Combine(launch.SandboxDirectory, "grandchild"));
        Assert.True(ProcessTestBed.IsRunning(grandchild));

        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.True((await containerizer.WaitAsync("task-1", CancellationToken.None)).KilledOnRequest);
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(grandchild), "the grandchild sleep is gone");
    }

    [Fact]
    public async Task ProcessContainerizer_KillReapsDescendantsThatIgnoreTermOnceTheTaskEnds()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "(trap '' TERM; exec sleep 1000) & echo $! > grandchild; wait");
        await _bed.LaunchAsync(containerizer, launch);
        var grandchild = await ProcessTestBed.ReadPidFileAsync(Path.Combine(launch.SandboxDirectory, "grandchild"));

        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);

        Assert.Equal(143, exit.ExitCode);
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(grandchild), "the TERM-ignoring sleep is gone");
    }

    [Fact]
    public async Task ProcessContainerizer_KillIsIdempotent()
    {
        var containerizer = _bed.NewContainerizer();
        await _bed.LaunchAsync(containerizer, _bed.Shell("task-1", "sleep 1000"));

        var first = containerizer.KillAsync("task-1", LongGrace, CancellationToken.None);
        var second = containerizer.KillAsync("task-1", LongGrace, CancellationToken.None);
        await Task.WhenAll(first, second).WaitAsync(ProcessTestBed.Patience);
        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        await containerizer.KillAsync("never-launched", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);
        Assert.True(exit.KilledOnRequest);
        Assert.Equal(143, exit.ExitCode);
    }

    [Fact]
    public async Task ProcessContainerizer_KillOfEndedContainerChangesNothing()
    {
        var containerizer = _bed.NewContainerizer();
        await _bed.LaunchAsync(containerizer, _bed.Shell("task-1", "exit 2"));
        await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        await containerizer.KillAsync("task-1", LongGrace, CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None);
        Assert.Equal(2, exit.ExitCode);
        Assert.False(exit.KilledOnRequest);
    }

    [Fact]
    public async Task ProcessContainerizer_KillRightAfterLaunchStillEndsTheTask()
    {
        var containerizer = _bed.NewContainerizer();
        for (var i = 0; i < 5; i++)
        {
            var id = $"task-{i}";
            await _bed.LaunchAsync(containerizer, _bed.Shell(id, "sleep 1000"));

            await containerizer.KillAsync(id, TimeSpan.FromMilliseconds(100), CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

            Assert.True((await containerizer.WaitAsync(id, CancellationToken.None)).KilledOnRequest);
        }
    }
}
