namespace Mesos.Orleans.Core.Health;

/// <summary>
/// Where one health check of one task stands. Marathon's rules: a success makes the task healthy and clears the
/// failures; a failure inside the grace period is ignored until the task has been healthy once; past it, failures
/// count, and <c>maxConsecutiveFailures</c> of them in a row get the task killed.
/// </summary>
public sealed record CheckState(bool? Healthy, int ConsecutiveFailures, bool EverHealthy, string? LastResult, DateTimeOffset? LastCheckAt)
{
    /// <summary>No result yet.</summary>
    public static CheckState Initial { get; } = new(null, 0, false, null, null);

    /// <summary>
    /// The state after one result. <paramref name="startedAt"/> is when the task started running; the grace period
    /// counts from there.
    /// </summary>
    public CheckOutcome After(bool passed, string result, DateTimeOffset at, DateTimeOffset startedAt, TimeSpan gracePeriod, int maxConsecutiveFailures)
    {
        if (passed)
        {
            return new CheckOutcome(this with { Healthy = true, ConsecutiveFailures = 0, EverHealthy = true, LastResult = result, LastCheckAt = at }, Kill: false);
        }

        if (!EverHealthy && at - startedAt < gracePeriod)
        {
            return new CheckOutcome(this with { LastResult = result, LastCheckAt = at }, Kill: false);
        }

        var failures = ConsecutiveFailures + 1;
        var next = this with { Healthy = false, ConsecutiveFailures = failures, LastResult = result, LastCheckAt = at };
        return new CheckOutcome(next, Kill: maxConsecutiveFailures > 0 && failures >= maxConsecutiveFailures);
    }
}

/// <summary>A check's new state, and whether its task must now be killed.</summary>
public sealed record CheckOutcome(CheckState State, bool Kill);
