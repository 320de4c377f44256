namespace Mesos.Orleans.Core.Liveness;

/// <summary>
/// How long the master itself has been slow to hear, judged by its own sweeps: a sweep due every
/// <see cref="Period"/> that runs later waited in the same queue as the pings that arrived meanwhile. Silence the
/// master could not hear is not counted against an agent: an agent is unreachable once silent for the timeout plus
/// the longest such wait within the last <see cref="Window"/>. Pure: time comes in as values.
/// </summary>
public sealed class HearingDelay(TimeSpan period, TimeSpan window)
{
    private readonly Queue<(DateTimeOffset At, TimeSpan Late)> _recent = new();
    private DateTimeOffset? _lastSweep;

    /// <summary>How often sweeps are due.</summary>
    public TimeSpan Period { get; } = period;

    /// <summary>How far back a late sweep still counts.</summary>
    public TimeSpan Window { get; } = window;

    /// <summary>A sweep ran at <paramref name="now"/>: the longest any sweep within the window ran late, itself included.</summary>
    public TimeSpan Sweep(DateTimeOffset now)
    {
        if (_lastSweep is { } last && now - last - Period is { } late && late > TimeSpan.Zero)
        {
            _recent.Enqueue((now, late));
        }

        _lastSweep = now;
        while (_recent.TryPeek(out var oldest) && oldest.At < now - Window)
        {
            _recent.Dequeue();
        }

        var longest = TimeSpan.Zero;
        foreach (var (_, wait) in _recent)
        {
            longest = wait > longest ? wait : longest;
        }

        return longest;
    }
}
