using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>
/// The reconciliation loop's decision, as a pure function of desired and actual state (level-triggered: it never
/// depends on which event woke it).
/// </summary>
/// <remarks>
/// Replacing an older config follows Marathon's upgrade strategy: at least ⌈n × minimumHealthCapacity⌉ healthy
/// instances (old or new) stay, at most ⌊n × (1 + maximumOverCapacity)⌋ instances exist (stopping ones count
/// until they end), and when those two are equal one more is allowed so the upgrade can move. Old instances that
/// are not healthy are killed first, since they serve no one. Launches wait while a crash-loop backoff runs.
/// Unreachable instances follow the app's <c>unreachableStrategy</c>: past <c>inactiveAfterSeconds</c> they no
/// longer count (a replacement launches), past <c>expungeAfterSeconds</c> they are forgotten.
/// </remarks>
public static class ReconcilePlanner
{
    /// <summary>Plans the next step for one app.</summary>
    public static ReconcilePlan Plan(ReconcileInput input)
    {
        var spec = input.Spec;
        var desired = spec.Instances;
        var unreachable = spec.UnreachableStrategy ?? new UnreachableStrategy();
        var inactiveAfter = TimeSpan.FromSeconds(unreachable.InactiveAfterSeconds);
        var expungeAfter = TimeSpan.FromSeconds(unreachable.ExpungeAfterSeconds);
        var expunge = input.Instances
            .Where(i => !i.IsLive || UnreachableFor(i, input.Now) >= expungeAfter)
            .Select(i => i.InstanceId)
            .ToList();
        // Inactive: unreachable long enough to be replaced; they neither count nor are killed (no agent to ask).
        var live = input.Instances.Where(i => i.IsLive && !(UnreachableFor(i, input.Now) >= inactiveAfter)).ToList();
        var stopping = live.Where(i => i.StopRequested).ToList();
        var serving = live.Where(i => !i.StopRequested).ToList();
        var current = serving.Where(i => i.ConfigGeneration == input.ConfigGeneration).ToList();
        var old = serving.Where(i => i.ConfigGeneration != input.ConfigGeneration).ToList();

        var kill = new List<string>();
        int launch;

        // The upgrade lasts until the last old instance has ended, not just until it was asked to stop: until then
        // the stopping ones still hold their place under the ceiling.
        var upgrading = live.Any(i => i.ConfigGeneration != input.ConfigGeneration);
        if (!upgrading)
        {
            // Scaling: as many as asked, no more.
            launch = Math.Max(0, desired - current.Count);
            kill.AddRange(KillOrder(current, spec.KillSelection).Take(Math.Max(0, current.Count - desired)).Select(i => i.InstanceId));
        }
        else
        {
            var upgrade = spec.UpgradeStrategy ?? new Apps.UpgradeStrategy();
            var minHealthy = (int)Math.Ceiling(desired * upgrade.MinimumHealthCapacity - 1e-9);
            var maxTotal = (int)Math.Floor(desired * (1 + upgrade.MaximumOverCapacity) + 1e-9);
            if (maxTotal <= minHealthy)
            {
                maxTotal = minHealthy + 1;
            }

            // New instances beyond the target (a scale-down during an upgrade) go first.
            var excessNew = Math.Max(0, current.Count - desired);
            kill.AddRange(KillOrder(current, spec.KillSelection).Take(excessNew).Select(i => i.InstanceId));

            var healthy = serving.Count(i => i.IsHealthy) - current.Where(i => kill.Contains(i.InstanceId)).Count(i => i.IsHealthy);
            var spare = Math.Max(0, healthy - minHealthy);
            foreach (var instance in KillOrder(old, spec.KillSelection))
            {
                if (!instance.IsHealthy)
                {
                    kill.Add(instance.InstanceId);
                }
                else if (spare > 0)
                {
                    kill.Add(instance.InstanceId);
                    spare--;
                }
            }

            // Everything alive counts against the ceiling, including what is being stopped.
            var room = maxTotal - live.Count;
            launch = Math.Clamp(Math.Min(desired - (current.Count - excessNew), room), 0, int.MaxValue);
        }

        var delay = input.Delay.At(spec, input.Now);
        DateTimeOffset? wakeAt = null;
        if (launch > 0 && delay.Blocks(input.Now))
        {
            wakeAt = delay.Until;
            launch = 0;
        }

        // The next moment an unreachable instance turns inactive or is to be forgotten.
        foreach (var instance in input.Instances)
        {
            if (instance is { Phase: InstancePhase.Unreachable, UnreachableSince: { } since })
            {
                foreach (var at in (ReadOnlySpan<DateTimeOffset>)[since + inactiveAfter, since + expungeAfter])
                {
                    if (at > input.Now && (wakeAt is null || at < wakeAt))
                    {
                        wakeAt = at;
                    }
                }
            }
        }

        var counts = new InstanceCounts(
            Desired: desired,
            Live: serving.Count,
            Running: serving.Count(i => i.Phase == InstancePhase.Running),
            Healthy: serving.Count(i => i.IsHealthy),
            Staged: serving.Count(i => i.Phase is InstancePhase.Staging or InstancePhase.Starting),
            Scheduled: serving.Count(i => i.Phase == InstancePhase.Scheduled),
            Old: old.Count,
            Stopping: stopping.Count);
        return new ReconcilePlan(launch, kill, expunge, wakeAt, counts);
    }

    // How long the instance's agent has not answered; null when it is not unreachable.
    private static TimeSpan? UnreachableFor(InstanceView instance, DateTimeOffset now) =>
        instance is { Phase: InstancePhase.Unreachable, UnreachableSince: { } since } ? now - since : null;

    /// <summary>
    /// The order in which instances are killed: those not serving first (waiting for an offer, launching,
    /// unreachable, unhealthy), then by <paramref name="selection"/>.
    /// </summary>
    public static IEnumerable<InstanceView> KillOrder(IEnumerable<InstanceView> instances, Apps.KillSelection selection)
    {
        var byAge = selection == Apps.KillSelection.OldestFirst
            ? instances.OrderBy(i => Rank(i)).ThenBy(i => i.StartedAt ?? i.CreatedAt)
            : instances.OrderBy(i => Rank(i)).ThenByDescending(i => i.StartedAt ?? i.CreatedAt);
        return byAge.ThenBy(i => i.InstanceId, StringComparer.Ordinal);

        static int Rank(InstanceView i) => i.Phase switch
        {
            InstancePhase.Scheduled => 0,
            InstancePhase.Unreachable => 1,
            InstancePhase.Staging or InstancePhase.Starting => 2,
            _ => i.IsHealthy ? 4 : 3,
        };
    }
}
