using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Agent.Tests.Support;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Testing;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Hosting;

/// <summary>The agent picks each task's containerizer, and says so when it lacks the one a task needs.</summary>
public sealed class AgentServiceContainerizerTests : IAsyncLifetime
{
    private readonly RecordingMaster _master = new();
    private StartedAgent _started = null!;

    private AgentService Agent => _started.Agent;

    public async Task InitializeAsync() => _started = await StartedAgent.StartAsync(_master);

    public async Task DisposeAsync() => await _started.DisposeAsync();

    [Fact]
    public void AgentService_RegistersTheContainerizersItHas() =>
        Assert.Equal(["process"], _master.Registrations.Single().Containerizers);

    [Fact]
    public async Task AgentService_TaskNeedingAContainerizerItLacks_FailsSayingWhich()
    {
        await Agent.LaunchAsync(new LaunchTasksRequest([Launch("boxed", new TaskContainer { Image = "busybox" })]), CancellationToken.None);

        var update = await Eventually.Until(() => Task.FromResult(_master.Updates.FirstOrDefault(u => u.TaskId == "boxed")), u => u is not null, "the task's end");

        Assert.Equal(TaskState.Failed, update!.State);
        Assert.Equal(TaskReasons.LaunchFailed, update.Reason);
        Assert.Equal("this agent has no docker containerizer (it has: process)", update.Message);
    }

    [Fact]
    public async Task AgentService_TaskWithoutContainer_RunsAsAProcess()
    {
        await Agent.LaunchAsync(new LaunchTasksRequest([Launch("plain", null)]), CancellationToken.None);

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
