using System.Collections.Concurrent;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Hosting;

/// <summary>
/// An agent whose master stops answering (killed, restarting) pings again within a second, not a heartbeat interval
/// later, and registers with the master that answers next: as a Mesos agent's detector sees a new master come up.
/// While its registration is on its way it takes no launch.
/// </summary>
public sealed class AgentServiceMasterLossTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly RestartingMaster _master = new();
    private readonly ProcessContainerizer _process;
    private AgentService _agent = null!;

    public AgentServiceMasterLossTests() =>
        _process = new ProcessContainerizer(Path.Combine(_directory, "containers", "process"), NullLogger.Instance, TimeProvider.System);

    public async Task InitializeAsync()
    {
        _agent = new AgentService(
            new AgentOptions { WorkDirectory = _directory, Resources = ResourceSet.Parse("cpus:1;mem:128") },
            _master, [_process], NullLoggerFactory.Instance, _time);
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
    public async Task AnUnansweredPing_IsRetriedWithinASecond_AndTheNewMasterGetsARegistration()
    {
        _master.Down = true;
        await AdvanceUntilAsync(Heartbeat, () => _master.Pings == 1, "the heartbeat's ping");

        _master.Down = false; // a new master: it does not know the agent yet
        await AdvanceUntilAsync(AgentOptions.UnansweredPingRetry, () => _master.Registrations.Count == 2, "a registration with the new master");

        Assert.Equal(2, _master.Pings);
        Assert.Equal(_agent.AgentId, _master.Registrations.Last().AgentId);
    }

    [Fact]
    public async Task ALaunchWhileItRegisters_IsRefused_AndOneAfterIsTaken()
    {
        var answer = new TaskCompletionSource();
        _master.HeldRegistration = answer.Task;
        await AdvanceUntilAsync(Heartbeat, () => _master.Registrations.Count == 2, "a registration on its way");

        var launch = new TaskLaunch
        {
            TaskId = "t1",
            FrameworkId = "apps",
            Command = new CommandSpec { Value = "true" },
            Resources = ResourceSet.Parse("cpus:0.1;mem:16"),
        };
        await Assert.ThrowsAsync<LaunchRefusedException>(() => _agent.LaunchAsync(new LaunchTasksRequest([launch]), CancellationToken.None));
        answer.SetResult();

        // Taken once the agent has the answer (a refusal before that is retried).
        await Eventually.Until(async () =>
        {
            await _agent.LaunchAsync(new LaunchTasksRequest([launch]), CancellationToken.None);
            return true;
        }, taken => taken, "the launch taken after the registration");
        await Eventually.Until(() => Task.FromResult(_master.Updates.ToList()), u => u.Any(x => x.State == TaskState.Finished), "the task to run and finish");
    }

    // Moves the clock once the agent waits that long, then waits for what that should cause.
    private async Task AdvanceUntilAsync(TimeSpan step, Func<bool> done, string expectation)
    {
        await Eventually.Until(() => _time.IsWaiting(step), $"the agent to wait {step}");
        _time.Advance(step);
        await Eventually.Until(done, expectation, TimeSpan.FromSeconds(10));
    }

    private sealed class RestartingMaster : IMasterChannel
    {
        private int _pings;

        public volatile bool Down;

        public int Pings => Volatile.Read(ref _pings);

        public ConcurrentQueue<RegisterAgentRequest> Registrations { get; } = new();

        public ConcurrentQueue<TaskStatusUpdate> Updates { get; } = new();

        /// <summary>Answers a registration (but the first) only once this completes.</summary>
        public Task HeldRegistration { get; set; } = Task.CompletedTask;

        public async Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
        {
            Registrations.Enqueue(request);
            if (Registrations.Count > 1)
            {
                await HeldRegistration;
            }

            return new RegisterAgentResponse { AgentId = request.AgentId ?? "agent-1", HeartbeatInterval = Heartbeat };
        }

        public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _pings);
            return Down
                ? Task.FromException<HeartbeatResponse>(new HttpRequestException("connection refused"))
                : Task.FromResult(new HeartbeatResponse(Registered: false));
        }

        public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken)
        {
            foreach (var update in batch.Updates)
            {
                Updates.Enqueue(update);
            }

            return Task.FromResult(new StatusUpdateAck([.. batch.Updates.Select(u => u.Uuid)]));
        }
    }
}
