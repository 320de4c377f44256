using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// The bookkeeping of an app's deployments: what a change starts (its kind and Marathon's steps), when it is done,
/// and why it does not progress when it does not.
/// </summary>
internal static class Deployments
{
    /// <summary>The kinds of change.</summary>
    public const string Create = "Create", Scale = "Scale", Upgrade = "Upgrade", Restart = "Restart", Rollback = "Rollback", Delete = "Delete";

    /// <summary>A deployment from <paramref name="fromGeneration"/> to <paramref name="generation"/>.</summary>
    public static DeploymentStatus Start(string kind, long fromGeneration, long generation, AppSpec spec, string message, DateTimeOffset now) =>
        new(Guid.CreateVersion7(now).ToString(), generation, now, null, DeploymentStatus.Progressing, message)
        {
            Kind = kind,
            FromGeneration = fromGeneration,
            Steps = kind switch
            {
                Create => ["StartApplication", "ScaleApplication"],
                Scale => ["ScaleApplication"],
                Delete => ["StopApplication"],
                _ => ["RestartApplication"],
            },
            CurrentStep = kind == Create ? 2 : 1, // the app exists once applied: what remains is its instances
            DeadlineAt = spec.DeploymentTimeoutSeconds is { } seconds ? now + TimeSpan.FromSeconds(seconds) : null,
        };

    /// <summary>The deployment ended in <paramref name="phase"/>.</summary>
    public static DeploymentStatus End(DeploymentStatus deployment, string phase, string message, DateTimeOffset now) =>
        deployment with { Phase = phase, FinishedAt = now, CurrentStep = deployment.Steps.Count, Message = message, Stalled = null };

    /// <summary>Why a deployment does not progress now, or null when it does (or waits for nothing in particular).</summary>
    public static string? Stalled(ReconcilePlan plan, LaunchDelay delay, FailureInfo? lastFailure, string? pendingReason,
        IEnumerable<InstanceRecord> current, DateTimeOffset now)
    {
        if (plan.Counts.Scheduled > 0 && pendingReason is not null)
        {
            return $"{plan.Counts.Scheduled} instances wait for an offer: {pendingReason}";
        }

        if (delay.Blocks(now))
        {
            return $"instances keep failing ({lastFailure?.Message ?? lastFailure?.State ?? "no details"}); next launch in {(delay.Until!.Value - now).TotalSeconds:0.#} s";
        }

        var running = current.Where(i => i.State == Core.Tasks.TaskState.Running && !i.StopRequested).ToList();
        var unhealthy = running.Where(i => i.HasHealthChecks && i.Healthy == false).ToList();
        if (unhealthy.Count > 0)
        {
            return $"{unhealthy.Count} new instances run but fail their health checks ({unhealthy[0].LastCheck})";
        }

        var unready = running.Where(i => i.HasReadinessChecks && i.Ready != true).ToList();
        return unready.Count > 0 ? $"{unready.Count} new instances run but are not ready yet{(unready[0].LastCheck is { } last ? $" ({last})" : "")}" : null;
    }
}
