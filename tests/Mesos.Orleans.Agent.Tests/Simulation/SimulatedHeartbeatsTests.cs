using System.Collections.Concurrent;
using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Testing;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Simulation;

/// <summary>
/// The simulated agents' ping loop, on a fake clock: every agent once per interval, spread over it, registering
/// first those that never did; an unanswered ping again a second later, not an interval later.
/// </summary>
public sealed class SimulatedHeartbeatsTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(500);
    private readonly FakeTimeProvider _time = new();
    private readonly CountingMaster _master = new();

    [Fact]
    public async Task EachAgent_RegistersAtItsFirstSlot_ThenPingsOncePerInterval_SpreadOverIt()
    {
        var agents = Agents(20);
        using var stop = new CancellationTokenSource();
        var loop = SimulatedHeartbeats.RunAsync(agents, () => Interval, Tick, _time, stop.Token);

        // 10 ticks an interval, 2 agents a tick: all register in the first interval, and each pings once in the next.
        for (var tick = 1; tick <= 10; tick++)
        {
            await TickAsync(() => _master.Registrations == 2 * tick, $"{2 * tick} agents registered after tick {tick}");
        }

        for (var tick = 1; tick <= 10; tick++)
        {
            await TickAsync(() => _master.Pings.Values.Sum() == 2 * tick, $"{2 * tick} pings after tick {tick} of the second interval");
        }

        Assert.All(agents, a => Assert.Equal(1, _master.Pings[a.AgentId!]));
        await stop.CancelAsync();
        await loop;
    }

    [Fact]
    public async Task AnUnansweredPing_IsSentAgainASecondLater_NotAnIntervalLater()
    {
        var agents = Agents(10); // one a tick
        using var stop = new CancellationTokenSource();
        var loop = SimulatedHeartbeats.RunAsync(agents, () => Interval, Tick, _time, stop.Token);
        for (var tick = 1; tick <= 10; tick++)
        {
            await TickAsync(() => _master.Registrations == tick, $"{tick} agents registered");
        }

        _master.Silent = agents[0].AgentId;
        await TickAsync(() => _master.Unanswered == 1, "the first agent's ping unanswered");
        _master.Silent = null;
        await TickAsync(() => _master.Pings.Values.Sum() == 1, "the second agent's ping");
        await TickAsync(() => _master.Pings.Values.Sum() == 3, "the third agent's ping, and the first's again a second after it went unanswered");

        Assert.Equal(1, _master.Pings[agents[0].AgentId!]);
        await stop.CancelAsync();
        await loop;
    }

    private List<SimulatedAgent> Agents(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new SimulatedAgent(_master, $"sim-{i}", ResourceSet.Parse("cpus:1;mem:128"), _time))];

    // Moves the clock one tick once the loop waits for it, then waits for what that tick's pings should cause (so the
    // loop has taken the tick before the next: a periodic timer folds ticks it was not waiting for into one).
    private async Task TickAsync(Func<bool> done, string expectation)
    {
        await Eventually.Until(() => _time.IsWaiting(Tick), "the loop to wait for its next tick");
        _time.Advance(Tick);
        await Eventually.Until(done, expectation, TimeSpan.FromSeconds(10));
    }

    private sealed class CountingMaster : IMasterChannel
    {
        private int _registrations;
        private int _unanswered;

        /// <summary>The agent whose pings go unanswered; null: none.</summary>
        public volatile string? Silent;

        public int Registrations => Volatile.Read(ref _registrations);

        public int Unanswered => Volatile.Read(ref _unanswered);

        public ConcurrentDictionary<string, int> Pings { get; } = new(StringComparer.Ordinal);

        public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _registrations);
            return Task.FromResult(new RegisterAgentResponse { AgentId = request.Hostname, HeartbeatInterval = Interval });
        }

        public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken)
        {
            if (request.AgentId == Silent)
            {
                Interlocked.Increment(ref _unanswered);
                return Task.FromException<HeartbeatResponse>(new HttpRequestException("connection refused"));
            }

            Pings.AddOrUpdate(request.AgentId, 1, (_, n) => n + 1);
            return Task.FromResult(new HeartbeatResponse(Registered: true));
        }

        public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) =>
            Task.FromResult(new StatusUpdateAck([.. batch.Updates.Select(u => u.Uuid)]));
    }
}
