namespace Mesos.Orleans.Grains.Hosting;

/// <summary>Settings of the control plane's grains, with their defaults.</summary>
public sealed class ControlPlaneOptions
{
    /// <summary>Default of <see cref="AllocationInterval"/> (Mesos' <c>--allocation_interval</c>).</summary>
    public static readonly TimeSpan DefaultAllocationInterval = TimeSpan.FromSeconds(1);

    /// <summary>Default of <see cref="RefuseSeconds"/> (Mesos' default filter).</summary>
    public static readonly TimeSpan DefaultRefuseSeconds = TimeSpan.FromSeconds(5);

    /// <summary>Default of <see cref="OfferTimeout"/>.</summary>
    public static readonly TimeSpan DefaultOfferTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="AppResyncPeriod"/>.</summary>
    public static readonly TimeSpan DefaultAppResyncPeriod = TimeSpan.FromSeconds(30);

    /// <summary>Default of <see cref="HeartbeatInterval"/>.</summary>
    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Default of <see cref="MaxMissedHeartbeats"/>: with the 5 s interval an agent is unreachable after 15 s of
    /// silence (Mesos waits 5 × 15 s; a service that replaces tasks wants to know sooner).
    /// </summary>
    public const int DefaultMaxMissedHeartbeats = 3;

    /// <summary>Default of <see cref="DefaultKillGracePeriodSeconds"/> (Mesos' command executor's).</summary>
    public const double DefaultKillGracePeriod = 3;

    /// <summary>Default of <see cref="EventsPerApp"/>.</summary>
    public const int DefaultEventsPerApp = 20;

    /// <summary>How often the allocator runs a full cycle (it also runs on every event).</summary>
    public TimeSpan AllocationInterval { get; set; } = DefaultAllocationInterval;

    /// <summary>How long a declined offer's resources are not offered again to the same framework.</summary>
    public TimeSpan RefuseSeconds { get; set; } = DefaultRefuseSeconds;

    /// <summary>An offer not answered within this time is rescinded.</summary>
    public TimeSpan OfferTimeout { get; set; } = DefaultOfferTimeout;

    /// <summary>How often every app reconciles even when nothing happened (level-triggered resync).</summary>
    public TimeSpan AppResyncPeriod { get; set; } = DefaultAppResyncPeriod;

    /// <summary>How often agents ping the master.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = DefaultHeartbeatInterval;

    /// <summary>How many pings in a row an agent may miss before it is unreachable and its tasks TASK_UNREACHABLE.</summary>
    public int MaxMissedHeartbeats { get; set; } = DefaultMaxMissedHeartbeats;

    /// <summary>The silence after which an agent is unreachable: <see cref="HeartbeatInterval"/> × <see cref="MaxMissedHeartbeats"/>.</summary>
    public TimeSpan AgentUnreachableAfter => HeartbeatInterval * MaxMissedHeartbeats;

    /// <summary>Seconds between SIGTERM and SIGKILL for apps that do not set <c>taskKillGracePeriodSeconds</c>.</summary>
    public double DefaultKillGracePeriodSeconds { get; set; } = DefaultKillGracePeriod;

    /// <summary>How many recent events an app keeps for <c>describe</c>.</summary>
    public int EventsPerApp { get; set; } = DefaultEventsPerApp;
}
