namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>
/// What to do now to move an app toward its spec, and when to look again. Applying the same plan twice is
/// harmless: the next plan is computed from the state that results.
/// </summary>
/// <param name="Launch">How many new instances of the current config to create.</param>
/// <param name="Kill">Instances to kill.</param>
/// <param name="Expunge">Ended instances to forget.</param>
/// <param name="WakeAt">When to reconcile again even if nothing happens (a backoff ends), or null.</param>
/// <param name="Counts">The instance counts the status reports.</param>
public sealed record ReconcilePlan(
    int Launch,
    IReadOnlyList<string> Kill,
    IReadOnlyList<string> Expunge,
    DateTimeOffset? WakeAt,
    InstanceCounts Counts)
{
    /// <summary>True when the app is as declared: nothing to launch, kill or replace.</summary>
    public bool Converged => Launch == 0 && Kill.Count == 0 && Counts.Old == 0 && Counts.Live == Counts.Desired
        && Counts.Healthy == Counts.Desired && Counts.Stopping == 0;
}

/// <summary>An app's instances, counted.</summary>
/// <param name="Desired">How many the spec asks for.</param>
/// <param name="Live">Instances not ended and not being stopped.</param>
/// <param name="Running">Live instances whose task runs.</param>
/// <param name="Healthy">Running instances that pass their health checks (all running ones without checks).</param>
/// <param name="Staged">Live instances placed but not yet running.</param>
/// <param name="Scheduled">Live instances waiting for an offer.</param>
/// <param name="Old">Live instances of an older config, to be replaced.</param>
/// <param name="Stopping">Instances being killed.</param>
public sealed record InstanceCounts(int Desired, int Live, int Running, int Healthy, int Staged, int Scheduled, int Old, int Stopping)
{
    /// <summary>Instances the plan would launch but the crash-loop backoff holds back (not created until it ends).</summary>
    public int Delayed { get; init; }
}
