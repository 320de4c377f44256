namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>
/// How soon an app reconciles again after an event (a task's status, a placement). A pass looks at every instance
/// of the app, so while events stream in — a thousand instances starting — a pass per event would cost the square of
/// the app's size. Passes are therefore spaced by a time that grows with the app, and the events that arrive in
/// between are handled by one pass (controller-runtime's work queue does the same: one key, one pending
/// reconcile). An app that has been quiet for that long reconciles at once, so a lone event waits for nothing.
/// </summary>
public static class ReconcilePacing
{
    /// <summary>The spacing each instance adds.</summary>
    public static readonly TimeSpan PerInstance = TimeSpan.FromMicroseconds(50);

    /// <summary>The most an event waits for its pass, however large the app.</summary>
    public static readonly TimeSpan MaxSpacing = TimeSpan.FromMilliseconds(250);

    /// <summary>The least time between two event-driven passes of an app of <paramref name="instances"/> instances.</summary>
    public static TimeSpan Spacing(int instances) =>
        TimeSpan.FromTicks(Math.Min(MaxSpacing.Ticks, PerInstance.Ticks * Math.Max(0, instances)));

    /// <summary>
    /// How long an event waits before its pass, when the app's last pass started <paramref name="sinceLastPass"/>
    /// ago: zero once the spacing has passed.
    /// </summary>
    public static TimeSpan Delay(int instances, TimeSpan sinceLastPass)
    {
        var left = Spacing(instances) - sinceLastPass;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }
}
