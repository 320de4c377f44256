using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Docker;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>
/// Recovery after an agent restart, simulated in one process: containerizer A launches and is abandoned (as a dead
/// agent leaves its containers), containerizer B of the same agent recovers from the engine's labels.
/// </summary>
public sealed class DockerContainerizerRecoveryTests : IAsyncLifetime
{
    private DockerTestBed _bed = null!;

    public async Task InitializeAsync() => _bed = await DockerTestBed.StartAsync();

    public async Task DisposeAsync() => await _bed.DisposeAsync();

    [Fact]
    public async Task DockerContainerizer_RecoverReadoptsARunningContainerAndSeesItsEnd()
    {
        var first = _bed.NewContainerizer();
        var record = await first.LaunchAsync(_bed.Shell("task-1", "echo ready; sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        await _bed.WaitForOutputAsync("task-1", "stdout", "ready\n");
        first.Dispose();
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None).WaitAsync(DockerTestBed.Patience));
        var exit = restarted.WaitAsync("task-1", CancellationToken.None);

        Assert.True(recovered.Running);
        Assert.Equal([record.Data[DockerContainerizer.DockerIdKey]], await _bed.ContainersOfAsync("task-1"));
        Assert.False(exit.IsCompleted);
        await _bed.Client.Containers.KillAsync(record.Data[DockerContainerizer.DockerIdKey]);
        Assert.Equal(new ContainerExit { ExitCode = 137, Message = "exited with code 137 (SIGKILL)" }, await exit.WaitAsync(DockerTestBed.Patience));
        Assert.Equal("ready\n", await File.ReadAllTextAsync(Path.Combine(_bed.SandboxOf("task-1"), "stdout"))); // rewritten, not doubled
    }

    [Fact]
    public async Task DockerContainerizer_RecoverReportsAContainerThatEndedWhileTheAgentWasDown()
    {
        var first = _bed.NewContainerizer();
        var record = await first.LaunchAsync(_bed.Shell("task-2", "echo going; while [ ! -e /mnt/mesos/sandbox/go ]; do sleep 0.05; done; echo bye; exit 5"), CancellationToken.None)
            .WaitAsync(DockerTestBed.Patience);
        first.Dispose();
        await File.WriteAllTextAsync(Path.Combine(_bed.SandboxOf("task-2"), "go"), "");
        var dockerId = record.Data[DockerContainerizer.DockerIdKey];
        await Eventually.Until(async () => (await _bed.Client.Containers.InspectAsync(dockerId)).State, s => !s.Running, "the container to end");
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None).WaitAsync(DockerTestBed.Patience));

        Assert.Equal(new ContainerExit { ExitCode = 5, Message = "exited with code 5 while the agent was down" }, recovered.Exit);
        Assert.Equal("going\nbye\n", await File.ReadAllTextAsync(Path.Combine(_bed.SandboxOf("task-2"), "stdout")));
        await restarted.DestroyAsync("task-2", CancellationToken.None);
        Assert.Empty(await _bed.ContainersOfAsync("task-2"));
    }

    [Fact]
    public async Task DockerContainerizer_RecoverReportsAContainerRemovedWhileTheAgentWasDown()
    {
        var first = _bed.NewContainerizer();
        var record = await first.LaunchAsync(_bed.Shell("task-3", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        first.Dispose();
        await _bed.Client.Containers.RemoveAsync(record.Data[DockerContainerizer.DockerIdKey], force: true);
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([record], CancellationToken.None).WaitAsync(DockerTestBed.Patience));

        Assert.Equal(new ContainerExit { Message = "the container was removed while the agent was down; exit status unknown" }, recovered.Exit);
    }

    [Fact]
    public async Task DockerContainerizer_RecoverRemovesTheAgentsContainersItDoesNotOwn()
    {
        var first = _bed.NewContainerizer();
        var owned = await first.LaunchAsync(_bed.Shell("task-owned", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        await first.LaunchAsync(_bed.Shell("task-forgotten", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        first.Dispose();
        // A container created just before the agent died, never checkpointed: labelled, but owned by no record.
        var leftover = await _bed.Client.Containers.CreateAsync(new CreateContainerRequest
        {
            Image = TestDockerEngine.TestImage,
            Cmd = ["sleep", "1000"],
            Labels = new Dictionary<string, string> { [DockerLabels.AgentId] = _bed.AgentId, [DockerLabels.TaskId] = "task-leftover" },
        });
        await using var otherAgent = await DockerTestBed.StartAsync();
        var stranger = await otherAgent.NewContainerizer().LaunchAsync(otherAgent.Shell("task-stranger", "sleep 1000"), CancellationToken.None).WaitAsync(DockerTestBed.Patience);
        var restarted = _bed.NewContainerizer();

        var recovered = Assert.Single(await restarted.RecoverAsync([owned], CancellationToken.None).WaitAsync(DockerTestBed.Patience));

        Assert.True(recovered.Running);
        Assert.Equal([owned.Data[DockerContainerizer.DockerIdKey]], await _bed.Engine.ContainersAsync(DockerLabels.AgentId, _bed.AgentId));
        Assert.Empty(await _bed.ContainersOfAsync("task-forgotten"));
        Assert.Empty(await _bed.ContainersOfAsync("task-leftover"));
        Assert.NotEqual(leftover.Id, owned.Data[DockerContainerizer.DockerIdKey]);
        Assert.True((await _bed.Client.Containers.InspectAsync(stranger.Data[DockerContainerizer.DockerIdKey])).State.Running); // another agent's: untouched
    }

    [Fact]
    public async Task DockerContainerizer_RecoverWithoutAnAgentId_FindsNothing()
    {
        var docker = new DockerContainerizer(_bed.Client, () => null, new DockerContainerizerOptions(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, TimeProvider.System);
        using (docker)
        {
            Assert.Empty(await docker.RecoverAsync([], CancellationToken.None));
        }
    }
}
