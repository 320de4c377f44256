namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// The rules of one master's part in an election, pure: when to try for the lease next, until when it may lead, and
/// whether an answer makes it leader or ends its leadership. Instants are readings of a monotonic clock (time since
/// any fixed origin), never wall-clock times: a lease obtained by a request sent at <c>t</c> expires on the store's
/// clock no earlier than <c>t + ttl</c>, so leading until <c>t + ttl − margin</c> on our own clock is safe whatever
/// the two clocks read, as long as they tick at nearly the same rate (the margin covers the difference).
/// </summary>
public sealed class LeaseSchedule
{
    private readonly ElectionOptions _options;

    /// <summary>Starts as a standby that tries at once.</summary>
    public LeaseSchedule(ElectionOptions options, TimeSpan now)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        NextAttemptAt = now;
    }

    /// <summary>True from a successful acquisition until the lease is lost or may have run out.</summary>
    public bool IsLeader { get; private set; }

    /// <summary>While leading: the instant this master must stop leading unless a renewal succeeds first.</summary>
    public TimeSpan LeadsUntil { get; private set; }

    /// <summary>When to send the next acquire (a renewal while leading, a poll while standing by).</summary>
    public TimeSpan NextAttemptAt { get; private set; }

    /// <summary>When something must happen next: the next attempt, or the end of leadership if that comes first.</summary>
    public TimeSpan WakeAt => IsLeader && LeadsUntil < NextAttemptAt ? LeadsUntil : NextAttemptAt;

    /// <summary>
    /// How long an answer to an attempt sent at <paramref name="sentAt"/> is worth waiting for: a leader's ends when
    /// it must step down; a standby's when a lease it obtained would already be past its safe use.
    /// </summary>
    public TimeSpan AttemptDeadline(TimeSpan sentAt) => IsLeader ? LeadsUntil : sentAt + SafeTerm;

    private TimeSpan SafeTerm => _options.Ttl - _options.SafetyMargin;

    /// <summary>The store granted (or renewed) the lease to a request sent at <paramref name="sentAt"/>; the answer came at <paramref name="now"/>.</summary>
    public LeaseTransition Acquired(TimeSpan sentAt, TimeSpan now)
    {
        var until = sentAt + SafeTerm;
        if (now >= until)
        {
            // The answer came too late to lead on: the lease may run out on the store's clock any moment.
            return Failed(now);
        }

        var gained = !IsLeader;
        IsLeader = true;
        LeadsUntil = until;
        NextAttemptAt = sentAt + _options.RenewInterval;
        return gained ? LeaseTransition.Gained : LeaseTransition.None;
    }

    /// <summary>Another master holds an unexpired lease.</summary>
    public LeaseTransition HeldByAnother(TimeSpan now)
    {
        var lost = IsLeader;
        IsLeader = false;
        NextAttemptAt = now + _options.StandbyPollInterval;
        return lost ? LeaseTransition.Lost : LeaseTransition.None;
    }

    /// <summary>An attempt failed (the store unreachable, an error, or no answer before its deadline).</summary>
    public LeaseTransition Failed(TimeSpan now)
    {
        if (!IsLeader)
        {
            NextAttemptAt = now + _options.StandbyPollInterval;
            return LeaseTransition.None;
        }

        if (now >= LeadsUntil)
        {
            return StepDown(now);
        }

        var retry = now + _options.RetryInterval;
        NextAttemptAt = retry < LeadsUntil ? retry : LeadsUntil;
        return LeaseTransition.None;
    }

    /// <summary>The clock moved with no answer: a leader past <see cref="LeadsUntil"/> stops leading.</summary>
    public LeaseTransition Tick(TimeSpan now) => IsLeader && now >= LeadsUntil ? StepDown(now) : LeaseTransition.None;

    private LeaseTransition StepDown(TimeSpan now)
    {
        IsLeader = false;
        NextAttemptAt = now + _options.StandbyPollInterval;
        return LeaseTransition.Lost;
    }
}
