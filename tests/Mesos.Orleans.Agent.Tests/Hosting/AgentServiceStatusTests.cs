using Mesos.Orleans.Agent.Checkpointing;
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

/// <summary>
/// A task's end, the master's acknowledgement of its start and its checks' results reach the agent on different
/// threads, often at the same moment for a short task: none of them may lose another's change, in memory or on disk.
/// </summary>
public sealed class AgentServiceStatusTests : IAsyncLifetime, IDisposable
{
    private const int Tasks = 48;
    private readonly string _directory = Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName;
    private readonly RecordingMaster _master = new() { MaxAckDelay = TimeSpan.FromMilliseconds(5) };
    private ProcessContainerizer _process = null!;
    private AgentService _agent = null!;

    public async Task InitializeAsync()
    {
        _process = new ProcessContainerizer(Path.Combine(_directory, "containers", "process"), NullLogger.Instance, TimeProvider.System);
        _agent = new AgentService(
            new AgentOptions { WorkDirectory = _directory, Resources = ResourceSet.Parse("cpus:8;mem:1024") },
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
    public async Task ShortTasks_EachEndsReported_AfterItsStart_AndCheckpointedAsEndedAndAcknowledged()
    {
        var ids = Enumerable.Range(0, Tasks).Select(i => $"short-{i}").ToList();

        await _agent.LaunchAsync(new LaunchTasksRequest([.. ids.Select(Launch)]), CancellationToken.None);

        await Eventually.Until(
            () => Task.FromResult(ids.Count(id => _master.Updates.Any(u => u.TaskId == id && u.State.IsTerminal()))),
            ended => ended == Tasks, "every task's end");
        foreach (var id in ids)
        {
            Assert.Equal([TaskState.Running, TaskState.Finished], _master.Updates.Where(u => u.TaskId == id).Select(u => u.State));
        }

        var checkpoints = await Eventually.Until(
            () => Task.FromResult(new AgentCheckpoint(_directory).ReadTasks()),
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
