using System.Collections.Concurrent;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Hosting;

/// <summary>
/// An agent whose master stops answering (killed, restarting) pings again within a second, not a heartbeat interval
/// later, and registers with the master that answers next: as a Mesos agent's detector sees a new master come up.
/// </summary>
public sealed class AgentServiceMasterLossTests : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly RestartingMaster _master = new();
    private AgentService _agent = null!;

    public async Task InitializeAsync()
    {
        _agent = new AgentService(
            new AgentOptions { WorkDirectory = _directory, Resources = ResourceSet.Parse("cpus:1;mem:128") },
            _master, [], NullLoggerFactory.Instance, _time);
        await _agent.StartAsync(CancellationToken.None);
        await _agent.Registered.WaitAsync(TimeSpan.FromSeconds(30));
    }

    public Task DisposeAsync() => _agent.StopAsync(CancellationToken.None);

    public void Dispose()
    {
        _agent.Dispose();
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

        public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
        {
            Registrations.Enqueue(request);
            return Task.FromResult(new RegisterAgentResponse { AgentId = request.AgentId ?? "agent-1", HeartbeatInterval = Heartbeat });
        }

        public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _pings);
            return Down
                ? Task.FromException<HeartbeatResponse>(new HttpRequestException("connection refused"))
                : Task.FromResult(new HeartbeatResponse(Registered: false));
        }

        public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) =>
            Task.FromResult(new StatusUpdateAck([.. batch.Updates.Select(u => u.Uuid)]));
    }
}
