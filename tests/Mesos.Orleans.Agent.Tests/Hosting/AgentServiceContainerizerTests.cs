using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Agent.Tests.Support;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Hosting;

/// <summary>The agent picks each task's containerizer, and says so when it lacks the one a task needs.</summary>
public sealed class AgentServiceContainerizerTests : IAsyncLifetime, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName;
    private readonly RecordingMaster _master = new();
    private ProcessContainerizer _process = null!;
    private AgentService _agent = null!;

    public async Task InitializeAsync()
    {
        _process = new ProcessContainerizer(Path.Combine(_directory, "containers", "process"), NullLogger.Instance, TimeProvider.System);
        _agent = new AgentService(
            new AgentOptions { WorkDirectory = _directory, Resources = ResourceSet.Parse("cpus:1;mem:128") },
            _master, [_process], NullLoggerFactory.Instance, TimeProvider.System);
        await _agent.StartAsync(CancellationToken.None);
        await _agent.Registered.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync() => _agent.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _agent.Dispose();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void AgentService_RegistersTheContainerizersItHas() =>
        Assert.Equal(["process"], _master.Registrations.Single().Containerizers);

    [Fact]
    public async Task AgentService_TaskNeedingAContainerizerItLacks_FailsSayingWhich()
    {
        await _agent.LaunchAsync(new LaunchTasksRequest([Launch("boxed", new TaskContainer { Image = "busybox" })]), CancellationToken.None);

        var update = await Eventually.Until(() => Task.FromResult(_master.Updates.FirstOrDefault(u => u.TaskId == "boxed")), u => u is not null, "the task's end");

        Assert.Equal(TaskState.Failed, update!.State);
        Assert.Equal(TaskReasons.LaunchFailed, update.Reason);
        Assert.Equal("this agent has no docker containerizer (it has: process)", update.Message);
    }

    [Fact]
    public async Task AgentService_TaskWithoutContainer_RunsAsAProcess()
    {
        await _agent.LaunchAsync(new LaunchTasksRequest([Launch("plain", null)]), CancellationToken.None);

        var update = await Eventually.Until(() => Task.FromResult(_master.Updates.FirstOrDefault(u => u.TaskId == "plain" && u.State.IsTerminal())), u => u is not null, "the task's end");

        Assert.Equal(TaskState.Finished, update!.State);
    }

    private static TaskLaunch Launch(string id, TaskContainer? container) => new()
    {
        TaskId = id,
        FrameworkId = "apps",
        Command = new CommandSpec { Value = "exit 0" },
        Resources = ResourceSet.Parse("cpus:0.1;mem:16"),
        Container = container,
    };
}
