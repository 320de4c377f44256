using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Health;

namespace Mesos.Orleans.Agent.Health;

/// <summary>
/// Runs one task's health and readiness checks on their intervals (a timer per check, no thread) and says when the
/// task's health or readiness changes, and when it must be killed. A check still running when its next turn comes
/// is not started twice.
/// </summary>
internal sealed class TaskChecker : IDisposable
{
    private readonly List<Entry> _entries;
    private readonly DateTimeOffset _startedAt;
    private readonly TimeProvider _time;
    private readonly Action<CheckChange> _changed;
    private readonly Action<string> _kill;
    private readonly Lock _lock = new();
    private bool? _healthy;
    private bool _ready;
    private bool _killed;
    private bool _disposed;

    public TaskChecker(IEnumerable<(TaskCheck Check, IProbe Probe)> checks, DateTimeOffset startedAt, TimeProvider time, Action<CheckChange> changed, Action<string> kill)
    {
        _entries = checks.Select(c => new Entry(c.Check, c.Probe)).ToList();
        _startedAt = startedAt;
        _time = time;
        _changed = changed;
        _kill = kill;
    }

    /// <summary>True when the task has health checks.</summary>
    public bool HasHealthChecks => _entries.Any(e => !e.Check.Readiness);

    public void Start()
    {
        foreach (var entry in _entries)
        {
            entry.Timer = _time.CreateTimer(_ => _ = RunAsync(entry), null,
                TimeSpan.FromSeconds(entry.Check.DelaySeconds), TimeSpan.FromSeconds(entry.Check.IntervalSeconds));
        }
    }

    private async Task RunAsync(Entry entry)
    {
        if (Interlocked.CompareExchange(ref entry.Running, 1, 0) != 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(entry.Check.TimeoutSeconds), _time);
            var result = await entry.Probe.ProbeAsync(timeout.Token);
            Take(entry, result);
        }
        finally
        {
            Volatile.Write(ref entry.Running, 0);
        }
    }

    private void Take(Entry entry, ProbeResult result)
    {
        CheckChange? change = null;
        string? kill = null;
        lock (_lock)
        {
            if (_disposed || !result.Counts)
            {
                return;
            }

            if (entry.Check.Readiness)
            {
                if (result.Passed && !entry.Passed)
                {
                    entry.Passed = true;
                    entry.Timer?.Dispose(); // ready once is ready: readiness is not checked again
                    var ready = _entries.Where(e => e.Check.Readiness).All(e => e.Passed);
                    if (ready && !_ready)
                    {
                        _ready = true;
                        change = new CheckChange(null, true, result.Text);
                    }
                }
                else if (!result.Passed)
                {
                    change = _ready ? null : new CheckChange(null, false, result.Text) { Quiet = true };
                }
            }
            else
            {
                var outcome = entry.State.After(result.Passed, result.Text, _time.GetUtcNow(), _startedAt,
                    TimeSpan.FromSeconds(entry.Check.GracePeriodSeconds), entry.Check.MaxConsecutiveFailures);
                entry.State = outcome.State;
                var healthy = TaskHealth.Of(_entries.Where(e => !e.Check.Readiness).Select(e => e.State));
                if (healthy != _healthy && healthy is not null)
                {
                    _healthy = healthy;
                    change = new CheckChange(healthy, null, result.Text);
                }

                if (outcome.Kill && !_killed)
                {
                    _killed = true;
                    kill = $"killed after {entry.State.ConsecutiveFailures} consecutive failed health checks ({result.Text})";
                }
            }
        }

        if (change is not null)
        {
            _changed(change);
        }

        if (kill is not null)
        {
            _kill(kill);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
        }

        foreach (var entry in _entries)
        {
            entry.Timer?.Dispose();
        }
    }

    private sealed class Entry(TaskCheck check, IProbe probe)
    {
        public TaskCheck Check { get; } = check;

        public IProbe Probe { get; } = probe;

        public ITimer? Timer { get; set; }

        public CheckState State { get; set; } = CheckState.Initial;

        public bool Passed { get; set; }

#pragma warning disable CA1051 // a field, for Interlocked
        public int Running;
#pragma warning restore CA1051
    }
}

/// <summary>A change of a task's health (or readiness), with the check result that made it.</summary>
internal sealed record CheckChange(bool? Healthy, bool? Ready, string Result)
{
    /// <summary>A result worth keeping for display but not worth a status update (a readiness check still failing).</summary>
    public bool Quiet { get; init; }
}
