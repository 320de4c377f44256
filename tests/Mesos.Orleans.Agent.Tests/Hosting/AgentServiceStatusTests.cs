using Mesos.Orleans.Agent.Checkpointing;
using Mesos.Orleans.Agent.Tests.Support;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Testing;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Hosting;

/// <summary>
/// A task's end, the master's acknowledgement of its start and its checks' results reach the agent on different
/// threads, often at the same moment for a short task: none of them may lose another's change, in memory or on disk.
/// </summary>
public sealed class AgentServiceStatusTests : IAsyncLifetime
{
    private const int Tasks = 48;
    private readonly RecordingMaster _master = new() { MaxAckDelay = TimeSpan.FromMilliseconds(5) };
    private StartedAgent _started = null!;

    public async Task InitializeAsync() => _started = await StartedAgent.StartAsync(_master, "cpus:8;mem:1024");

    public async Task DisposeAsync() => await _started.DisposeAsync();

    [Fact]
    public async Task ShortTasks_EachEndsReported_AfterItsStart_AndCheckpointedAsEndedAndAcknowledged()
    {
        var ids = Enumerable.Range(0, Tasks).Select(i => $"short-{i}").ToList();

        await _started.Agent.LaunchAsync(new LaunchTasksRequest([.. ids.Select(Launch)]), CancellationToken.None);

        await Eventually.Until(
            () => Task.FromResult(ids.Count(id => _master.Updates.Any(u => u.TaskId == id && u.State.IsTerminal()))),
            ended => ended == Tasks, "every task's end");
        foreach (var id in ids)
        {
            Assert.Equal([TaskState.Running, TaskState.Finished], _master.Updates.Where(u => u.TaskId == id).Select(u => u.State));
        }

        var checkpoints = await Eventually.Until(
            () => Task.FromResult(new AgentCheckpoint(_started.Directory).ReadTasks()),
            all => all.Count == Tasks && all.All(c => c.Acknowledged), "every end acknowledged on disk");
        Assert.All(checkpoints, c =>
        {
            Assert.Equal(TaskState.Finished, c.Status!.State);
            Assert.NotNull(c.EndedAt);
        });
    }

    private static TaskLaunch Launch(string id) => new()
    {
        TaskId = id,
        FrameworkId = "apps",
        Command = new CommandSpec { Value = "exit 0" },
        Resources = ResourceSet.Parse("cpus:0.1;mem:16"),
    };
}
