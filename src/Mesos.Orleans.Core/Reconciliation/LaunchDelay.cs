using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>
/// An app's crash-loop backoff, as Marathon keeps it: after a failure no instance is launched before
/// <see cref="Until"/>; each further failure multiplies the delay by <c>backoffFactor</c>, up to
/// <c>maxLaunchDelaySeconds</c>. The delay resets when the config changes, or when
/// <c>maxLaunchDelaySeconds</c> pass after the last failure without another (a stable run).
/// </summary>
public sealed record LaunchDelay(int Failures, TimeSpan Current, DateTimeOffset? Until, DateTimeOffset? LastFailureAt)
{
    /// <summary>No delay.</summary>
    public static LaunchDelay None { get; } = new(0, TimeSpan.Zero, null, null);

    /// <summary>The delay after one more failure at <paramref name="now"/>.</summary>
    public LaunchDelay AfterFailure(AppSpec spec, DateTimeOffset now)
    {
        var current = Expired(spec, now) ? None : this;
        var delay = current.Failures == 0
            ? TimeSpan.FromSeconds(spec.BackoffSeconds)
            : TimeSpan.FromSeconds(Math.Min(current.Current.TotalSeconds * spec.BackoffFactor, spec.MaxLaunchDelaySeconds));
        delay = TimeSpan.FromSeconds(Math.Min(delay.TotalSeconds, spec.MaxLaunchDelaySeconds));
        return new LaunchDelay(current.Failures + 1, delay, now + delay, now);
    }

    /// <summary>The delay as it stands at <paramref name="now"/>: reset once a stable run has passed.</summary>
    public LaunchDelay At(AppSpec spec, DateTimeOffset now) => Expired(spec, now) ? None : this;

    /// <summary>True when launches must wait at <paramref name="now"/>.</summary>
    public bool Blocks(DateTimeOffset now) => Until is { } until && until > now;

    private bool Expired(AppSpec spec, DateTimeOffset now) =>
        LastFailureAt is { } last && now > last + TimeSpan.FromSeconds(spec.MaxLaunchDelaySeconds);
}
