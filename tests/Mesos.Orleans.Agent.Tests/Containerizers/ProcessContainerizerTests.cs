using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>Launching, waiting and destroying with real processes.</summary>
public sealed class ProcessContainerizerTests : IDisposable
{
    private readonly ProcessTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ProcessContainerizer_WritesOutputToSandboxFilesAndReportsExitCode()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "echo hi; echo err >&2; exit 3");

        var record = await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.Equal(3, exit.ExitCode);
        Assert.Null(exit.Signal);
        Assert.False(exit.KilledOnRequest);
        Assert.False(exit.Succeeded);
        Assert.Equal("exited with code 3", exit.Message);
        Assert.Equal("hi\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stdout")));
        Assert.Equal("err\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stderr")));
        Assert.Equal("task-1", record.ContainerId);
        Assert.Equal("process", record.Kind);
        Assert.Equal(launch.SandboxDirectory, record.SandboxDirectory);
    }

    [Fact]
    public async Task ProcessContainerizer_WritesPidFileBeforeLaunchReturns()
    {
        var containerizer = _bed.NewContainerizer();

        var record = await _bed.LaunchAsync(containerizer, _bed.Shell("task-1", "sleep 1000"));

        var pid = ProcessTestBed.Pid(record);
        Assert.True(ProcStat.TryRead(pid, out var stat));
        Assert.Equal(stat.StartTime, ProcessTestBed.StartTime(record));
        var pidFile = await File.ReadAllTextAsync(Path.Combine(_bed.Root, "task-1", "pid"));
        Assert.Equal($"{pid} {stat.StartTime}\n", pidFile);
    }

    [Fact]
    public async Task ProcessContainerizer_RunsTaskAsLeaderOfItsOwnSessionAndProcessGroup()
    {
        var containerizer = _bed.NewContainerizer();

        var record = await _bed.LaunchAsync(containerizer, _bed.Shell("task-1", "sleep 1000"));

        var pid = ProcessTestBed.Pid(record);
        Assert.True(ProcStat.TryRead(pid, out var stat));
        Assert.Equal(pid, stat.Session);
        Assert.Equal(pid, stat.ProcessGroup);
        Assert.True(ProcStat.TryRead(Environment.ProcessId, out var agent));
        Assert.NotEqual(agent.Session, stat.Session);
    }

    [Fact]
    public async Task ProcessContainerizer_GivesTaskItsEnvironmentAndSandboxAsWorkingDirectory()
    {
        Environment.SetEnvironmentVariable("MESOS_ORLEANS_PROCESS_TEST_SECRET", "agent-only");
        Environment.SetEnvironmentVariable("PROCESS_CONTAINERIZER_TEST_INHERITED", "from-agent");
        Environment.SetEnvironmentVariable("PROCESS_CONTAINERIZER_TEST_OVERRIDDEN", "from-agent");
        var containerizer = _bed.NewContainerizer();
        var environment = new Dictionary<string, string>
        {
            ["FOO"] = "bar baz",
            ["PROCESS_CONTAINERIZER_TEST_OVERRIDDEN"] = "from-launch",
        };
        var launch = _bed.Shell(
            "task-1",
            """printf '%s\n' "$FOO" "$(pwd)" "$PWD" "${MESOS_ORLEANS_PROCESS_TEST_SECRET-unset}" "$PROCESS_CONTAINERIZER_TEST_INHERITED" "$PROCESS_CONTAINERIZER_TEST_OVERRIDDEN" > seen""",
            environment);

        await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.Equal(0, exit.ExitCode);
        Assert.True(exit.Succeeded);
        var seen = await File.ReadAllLinesAsync(Path.Combine(launch.SandboxDirectory, "seen"));
        Assert.Equal(["bar baz", launch.SandboxDirectory, launch.SandboxDirectory, "unset", "from-agent", "from-launch"], seen);
    }

    [Fact]
    public async Task ProcessContainerizer_RunsArgumentVectorWithoutShell()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Argv("task-1", "/bin/echo", "a  b", "$HOME", "*", "; exit 4");

        await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.Equal(0, exit.ExitCode);
        Assert.Equal("exited with code 0", exit.Message);
        Assert.Equal("a  b $HOME * ; exit 4\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stdout")));
    }

    [Fact]
    public async Task ProcessContainerizer_FindsArgumentVectorProgramOnPath()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Argv("task-1", "sh", "-c", "exit 6");

        await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.Equal(6, exit.ExitCode);
    }

    [Fact]
    public async Task ProcessContainerizer_RefusesArgumentVectorWithMissingProgram()
    {
        var containerizer = _bed.NewContainerizer();

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(
            () => containerizer.LaunchAsync(_bed.Argv("task-1", "no-such-program-here", "x"), CancellationToken.None));

        Assert.Equal(
            "Task task-1 cannot start: no executable program 'no-such-program-here' (looked in the sandbox and on PATH).",
            error.Message);
        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "task-1")));
    }

    [Fact]
    public async Task ProcessContainerizer_RunsMissingShellCommandWhichExits127()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "no-such-program-here");

        await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.Equal(127, exit.ExitCode);
        Assert.Contains("no-such-program-here: not found", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stderr")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProcessContainerizer_RefusesMissingSandbox()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "true") with { SandboxDirectory = Path.Combine(_bed.BaseDirectory, "nowhere") };

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(() => containerizer.LaunchAsync(launch, CancellationToken.None));

        Assert.Equal($"Cannot launch container task-1: sandbox {launch.SandboxDirectory} does not exist.", error.Message);
    }

    [Fact]
    public async Task ProcessContainerizer_RefusesLaunchWhenSetsidIsMissing()
    {
        var containerizer = _bed.NewContainerizer();
        containerizer.SetsidPath = "/nonexistent/setsid";

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(
            () => containerizer.LaunchAsync(_bed.Shell("task-1", "true"), CancellationToken.None));

        Assert.StartsWith("Cannot launch container task-1: cannot run /nonexistent/setsid: ", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "task-1")));
    }

    [Fact]
    public async Task ProcessContainerizer_RefusesSecondContainerWithSameId()
    {
        var containerizer = _bed.NewContainerizer();
        await _bed.LaunchAsync(containerizer, _bed.Shell("task-1", "sleep 1000"));

        var error = await Assert.ThrowsAsync<ContainerLaunchException>(
            () => containerizer.LaunchAsync(_bed.Shell("task-1", "true"), CancellationToken.None));

        Assert.Equal("Container task-1 already exists.", error.Message);
    }

    [Fact]
    public async Task ProcessContainerizer_KillsWhatTheTaskLeftBehindWhenItExits()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "sleep 1000 & echo $! > grandchild; exit 0");

        await _bed.LaunchAsync(containerizer, launch);
        var exit = await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);
        var grandchild = await ProcessTestBed.ReadPidFileAsync(Path.Combine(launch.SandboxDirectory, "grandchild"));

        Assert.Equal(0, exit.ExitCode);
        await ProcessTestBed.WaitUntilAsync(() => !ProcessTestBed.IsRunning(grandchild), "the background sleep is gone");
    }

    [Fact]
    public async Task ProcessContainerizer_DestroyRemovesMetadataButKeepsSandbox()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "echo kept");
        await _bed.LaunchAsync(containerizer, launch);
        await containerizer.WaitAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        await containerizer.DestroyAsync("task-1", CancellationToken.None);

        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "task-1")));
        Assert.Equal("kept\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stdout")));
        await Assert.ThrowsAsync<InvalidOperationException>(() => containerizer.WaitAsync("task-1", CancellationToken.None));
    }

    [Fact]
    public async Task ProcessContainerizer_DestroyKillsContainerStillRunning()
    {
        var containerizer = _bed.NewContainerizer();
        var launch = _bed.Shell("task-1", "trap '' TERM; echo > ready; sleep 1000");
        var record = await _bed.LaunchAsync(containerizer, launch);
        var exit = containerizer.WaitAsync("task-1", CancellationToken.None);
        await ProcessTestBed.ReadWhenWrittenAsync(Path.Combine(launch.SandboxDirectory, "ready"));

        await containerizer.DestroyAsync("task-1", CancellationToken.None).WaitAsync(ProcessTestBed.Patience);

        Assert.False(ProcessTestBed.IsRunning(ProcessTestBed.Pid(record)));
        Assert.Equal(9, (await exit).Signal);
        Assert.False(Directory.Exists(Path.Combine(_bed.Root, "task-1")));
    }

    [Fact]
    public async Task ProcessContainerizer_WaitOnUnknownContainerThrows()
    {
        var containerizer = _bed.NewContainerizer();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => containerizer.WaitAsync("nobody", CancellationToken.None));

        Assert.Equal("Unknown process container nobody.", error.Message);
    }
}
