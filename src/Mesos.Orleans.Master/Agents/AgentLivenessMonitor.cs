using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Liveness;
using Mesos.Orleans.Runtime;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// Watches the agents' pings: one <see cref="HeartbeatTracker"/> in memory, swept on one timer. An agent silent for
/// longer than the timeout is handed to its grain as unreachable (its tasks go TASK_UNREACHABLE) and its next ping is
/// answered with "register again". Pings never reach a grain or the store. A master too busy to hear (its sweep
/// ran late: pings waited as long) adds that wait to the timeout (<see cref="HearingDelay"/>).
/// </summary>
public sealed partial class AgentLivenessMonitor : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly HeartbeatTracker _tracker;
    private readonly HearingDelay _hearing;
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TimeSpan _sweepPeriod;
    private ITimer? _timer;

    /// <summary>Declares agents unreachable after <paramref name="timeout"/> of silence, looking every <paramref name="sweepPeriod"/>.</summary>
    public AgentLivenessMonitor(IGrainFactory grains, TimeSpan timeout, TimeSpan sweepPeriod, TimeProvider time, ILogger<AgentLivenessMonitor> logger)
    {
        _tracker = new HeartbeatTracker(timeout);
        _hearing = new HearingDelay(sweepPeriod, timeout);
        _grains = grains;
        _time = time;
        _logger = logger;
        _sweepPeriod = sweepPeriod;
    }

    /// <summary>How many agents are watched.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _tracker.Count;
            }
        }
    }

    /// <summary>Starts sweeping.</summary>
    public void Start() => _timer ??= _time.CreateTimer(_ => Sweep(), null, _sweepPeriod, _sweepPeriod);

    /// <summary>An agent (re-)registered.</summary>
    public void Registered(string agentId)
    {
        lock (_lock)
        {
            _tracker.Registered(agentId, _time.GetUtcNow());
        }
    }

    /// <summary>Agents known from before this master started: they must register again within the timeout.</summary>
    public void Expect(IEnumerable<string> agentIds)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            foreach (var agentId in agentIds)
            {
                _tracker.Expect(agentId, now);
            }
        }
    }

    /// <summary>A ping: true when the agent is registered, false when it must register again.</summary>
    public bool Beat(string agentId)
    {
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            return _tracker.Beat(agentId, now);
        }
    }

    /// <summary>Looks for silent agents now (the timer does this every sweep period).</summary>
    public void Sweep()
    {
        IReadOnlyList<SilentAgent> silent;
        var now = _time.GetUtcNow();
        TimeSpan deaf;
        lock (_lock)
        {
            deaf = _hearing.Sweep(now);
            silent = _tracker.Sweep(now, deaf);
        }

        if (deaf > TimeSpan.Zero)
        {
            LogDeaf(_logger, deaf.TotalSeconds);
        }

        foreach (var agent in silent)
        {
            LogSilent(_logger, agent.AgentId, agent.LastSeen);
            _grains.GetGrain<IAgentGrain>(agent.AgentId).MarkUnreachableAsync(agent.LastSeen);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _timer?.DisposeAsync() ?? ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Debug, Message = "The master heard late (its sweep waited up to {Seconds:0.0} s): agents get as much longer")]
    private static partial void LogDeaf(ILogger logger, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent {AgentId} has been silent since {LastSeen:O}: unreachable")]
    private static partial void LogSilent(ILogger logger, string agentId, DateTimeOffset lastSeen);
}
