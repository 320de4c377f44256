using System.Globalization;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Docker;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>The Docker containerizer on a real engine: launch, exit codes, logs in the sandbox, kills, OOM, images.</summary>
public sealed class DockerContainerizerTests : IAsyncLifetime
{
    private DockerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await DockerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task DockerContainerizer_ReportsTheExitCodeAndKeepsTheOutputInTheSandbox()
    {
        var docker = _bed.NewContainerizer();
        var launch = _bed.Shell("task-exit", "echo to stdout; echo to stderr >&2; echo $MESOS_SANDBOX; exit 3");

        var record = await docker.LaunchAsync(launch, CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        var exit = await docker.WaitAsync("task-exit", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal(new ContainerExit { ExitCode = 3, Message = "exited with code 3" }, exit);
        Assert.Equal(("docker", "task-exit"), (record.Kind, record.ContainerId));
        Assert.Equal($"mesos-orleans.{_bed.AgentId}.task-exit", record.Data[DockerContainerizer.NameKey]);
        Assert.Equal("to stdout\n/mnt/mesos/sandbox\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stdout")));
        Assert.Equal("to stderr\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stderr")));

        await docker.DestroyAsync("task-exit", CancellationToken.None);

        Assert.Empty(await _bed.ContainersOfAsync("task-exit"));
        Assert.Equal("to stderr\n", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stderr")));
    }

    [Fact]
    public async Task DockerContainerizer_CopiesOutputWhileTheContainerRuns()
    {
        var docker = _bed.NewContainerizer();
        await docker.LaunchAsync(_bed.Shell("task-live", "echo first; sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal("first\n", await _bed.WaitForOutputAsync("task-live", "stdout", "first\n"));
    }

    [Fact]
    public async Task DockerContainerizer_KillSendsSigtermFirst()
    {
        var docker = _bed.NewContainerizer();
        await docker.LaunchAsync(_bed.Shell("task-term", "trap 'echo bye; exit 0' TERM; echo ready; while true; do sleep 0.1; done"), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);
        await _bed.WaitForOutputAsync("task-term", "stdout", "ready\n");

        await docker.KillAsync("task-term", TimeSpan.FromSeconds(20), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        var exit = await docker.WaitAsync("task-term", CancellationToken.None);

        Assert.Equal(new ContainerExit { ExitCode = 0, KilledOnRequest = true, Message = "exited with code 0 after being asked to stop" }, exit);
        Assert.Equal("ready\nbye\n", await File.ReadAllTextAsync(Path.Combine(_bed.SandboxOf("task-term"), "stdout")));
    }

    [Fact]
    public async Task DockerContainerizer_KillEscalatesToSigkillAfterTheGracePeriod()
    {
        var docker = _bed.NewContainerizer();
        await docker.LaunchAsync(_bed.Shell("task-stubborn", "trap '' TERM; echo ready; while true; do sleep 0.1; done"), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);
        await _bed.WaitForOutputAsync("task-stubborn", "stdout", "ready\n");

        await docker.KillAsync("task-stubborn", TimeSpan.FromSeconds(1), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        var exit = await docker.WaitAsync("task-stubborn", CancellationToken.None);

        Assert.Equal(new ContainerExit { ExitCode = 137, KilledOnRequest = true, Message = "exited with code 137 (SIGKILL) after being asked to stop" }, exit);
    }

    [Fact]
    public async Task DockerContainerizer_ContainerKilledBehindItsBack_EndsAsAFailure()
    {
        var docker = _bed.NewContainerizer();
        var record = await docker.LaunchAsync(_bed.Shell("task-killed", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        await _bed.Client.Containers.KillAsync(record.Data[DockerContainerizer.DockerIdKey]);
        var exit = await docker.WaitAsync("task-killed", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal(new ContainerExit { ExitCode = 137, Message = "exited with code 137 (SIGKILL)" }, exit);
        Assert.False(exit.Succeeded);
    }

    [Fact]
    public async Task DockerContainerizer_ContainerOverItsMemoryLimit_EndsOutOfMemory()
    {
        var docker = _bed.NewContainerizer();
        await docker.LaunchAsync(_bed.Shell("task-greedy", "echo growing; x=a; while true; do x=$x$x; done", memMb: 16), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);

        var exit = await docker.WaitAsync("task-greedy", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal(new ContainerExit { ExitCode = 137, OutOfMemory = true, Message = "the container went over its memory limit of 16 MB and was killed (exit code 137)" }, exit);
        Assert.Equal("growing\n", await File.ReadAllTextAsync(Path.Combine(_bed.SandboxOf("task-greedy"), "stdout")));
    }

    [Fact]
    public async Task DockerContainerizer_MissingImage_FailsTheLaunchWithTheEnginesMessage()
    {
        var docker = _bed.NewContainerizer();
        var launch = _bed.Shell("task-noimage", "true", container: new TaskContainer { Image = "mesos-orleans-test/does-not-exist:latest" });

        var failure = await Assert.ThrowsAsync<ContainerLaunchException>(() => docker.LaunchAsync(launch, CancellationToken.None).WaitAsync(DockerTestBed.Patience));

        Assert.StartsWith("Pull of image 'mesos-orleans-test/does-not-exist:latest' failed: ", failure.Message, StringComparison.Ordinal);
        Assert.IsType<DockerImagePullException>(failure.InnerException);
        Assert.Empty(await _bed.ContainersOfAsync("task-noimage"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => docker.WaitAsync("task-noimage", CancellationToken.None));
    }

    [Fact]
    public async Task DockerContainerizer_CommandThatCannotRun_FailsWithTheEnginesAccount()
    {
        var docker = _bed.NewContainerizer();
        var launch = _bed.Shell("task-badcmd", "no-such-program --flag");

        await docker.LaunchAsync(launch, CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        var exit = await docker.WaitAsync("task-badcmd", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal(new ContainerExit { ExitCode = 127, Message = "exited with code 127" }, exit);
        Assert.Contains("no-such-program: not found", await File.ReadAllTextAsync(Path.Combine(launch.SandboxDirectory, "stderr")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerContainerizer_BridgePortMapping_AnswersOnTheHostPort()
    {
        var docker = _bed.NewContainerizer();
        var hostPort = FreePort.Next();
        var container = new TaskContainer
        {
            Image = TestDockerEngine.TestImage,
            Network = NetworkMode.ContainerBridge,
            PortMappings = [new TaskPortMapping(8080, hostPort, "tcp")],
        };
        await docker.LaunchAsync(_bed.Shell("task-web", "echo hello from the bridge > /www/index.html && exec httpd -f -p 8080 -h /www", container: container), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var body = await Eventually.Until(() => http.GetStringAsync(new Uri($"http://127.0.0.1:{hostPort.ToString(CultureInfo.InvariantCulture)}/")), _ => true, "httpd to answer");

        Assert.Equal("hello from the bridge\n", body);
    }

    [Fact]
    public async Task DockerContainerizer_Volumes_AreMountedWithTheirModes()
    {
        var docker = _bed.NewContainerizer();
        var input = Directory.CreateDirectory(Path.Combine(_bed.BaseDirectory, "in")).FullName;
        var output = Directory.CreateDirectory(Path.Combine(_bed.BaseDirectory, "out")).FullName;
        await File.WriteAllTextAsync(Path.Combine(input, "in.txt"), "from the host\n");
        var container = new TaskContainer { Image = TestDockerEngine.TestImage, Volumes = [new(input, "/in", ReadOnly: true), new(output, "/out", ReadOnly: false)] };

        await docker.LaunchAsync(_bed.Shell("task-volumes", "cat /in/in.txt > /out/copy.txt; touch /in/denied", container: container), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);
        var exit = await docker.WaitAsync("task-volumes", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Equal(1, exit.ExitCode);
        Assert.Equal("from the host\n", await File.ReadAllTextAsync(Path.Combine(output, "copy.txt")));
        Assert.False(File.Exists(Path.Combine(input, "denied")));
    }

    [Fact]
    public async Task DockerContainerizer_DestroyOfARunningContainer_RemovesIt()
    {
        var docker = _bed.NewContainerizer();
        await docker.LaunchAsync(_bed.Shell("task-destroy", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        await docker.DestroyAsync("task-destroy", CancellationToken.None).WaitAsync(DockerTestBed.Patience);

        Assert.Empty(await _bed.ContainersOfAsync("task-destroy"));
    }
}
