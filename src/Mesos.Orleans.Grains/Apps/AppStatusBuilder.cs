using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// Turns what the planner saw into an app's status and conditions: Available (enough healthy instances),
/// Progressing (a deployment under way or done), Degraded (fewer healthy instances than asked, and why).
/// </summary>
internal static class AppStatusBuilder
{
    public static AppStatus Build(
        AppSpec spec, long generation, ReconcilePlan plan, LaunchDelay delay, FailureInfo? lastFailure,
        DeploymentStatus? deployment, string? pendingReason, IReadOnlyList<Condition> previous, DateTimeOffset now)
    {
        var counts = plan.Counts;
        var minimum = (int)Math.Ceiling(counts.Desired * (spec.UpgradeStrategy?.MinimumHealthCapacity ?? AppSpecDefaults.MinimumHealthCapacity) - 1e-9);
        var backoff = delay.Blocks(now) ? new BackoffStatus(delay.Failures, delay.Current.TotalSeconds, delay.Until!.Value) : null;
        var waiting = counts.Scheduled > 0 ? pendingReason : null;

        var available = counts.Healthy >= minimum
            ? Make(Condition.Available, true, "MinimumInstancesAvailable", $"{counts.Healthy} of {counts.Desired} instances healthy")
            : Make(Condition.Available, false, "MinimumInstancesUnavailable", $"{counts.Healthy} of {counts.Desired} instances healthy; at least {minimum} needed");

        var progressing = deployment is { Phase: DeploymentStatus.Failed }
            ? Make(Condition.Progressing, false, "ProgressDeadlineExceeded", $"deployment {deployment.Id} {deployment.Message}")
            : plan.Converged
                ? Make(Condition.Progressing, true, "DeploymentComplete", $"{counts.Desired} instances of generation {generation} running")
                : waiting is not null
                    ? Make(Condition.Progressing, true, "WaitingForResources", $"{counts.Scheduled} instances wait for an offer: {waiting}")
                    : deployment is { InProgress: true, Stalled: { } stalled }
                        ? Make(Condition.Progressing, true, StalledReason(stalled), stalled)
                        : Make(Condition.Progressing, true, counts.Old > 0 ? "Deploying" : "Scaling", Progress(counts));

        var degraded = counts.Healthy >= counts.Desired
            ? Make(Condition.Degraded, false, "AsExpected", "all instances healthy")
            : backoff is not null
                ? Make(Condition.Degraded, true, "CrashLoopBackOff",
                    $"{Describe(lastFailure)}; next launch in {(backoff.Until - now).TotalSeconds:0.#} s (failure {backoff.Failures})")
                : waiting is not null
                    ? Make(Condition.Degraded, true, "InsufficientResources", waiting)
                    : deployment is { InProgress: true, Stalled: { } why }
                        ? Make(Condition.Degraded, true, StalledReason(why), why)
                        : Make(Condition.Degraded, true, "InstancesStarting", Progress(counts));

        return new AppStatus
        {
            ObservedGeneration = generation,
            Instances = counts,
            Conditions = [available, progressing, degraded],
            Deployment = deployment,
            Backoff = backoff,
            LastFailure = lastFailure,
            PendingReason = waiting,
        };

        // A condition keeps its transition time while its status stays the same.
        Condition Make(string type, bool status, string reason, string message)
        {
            var text = status ? "True" : "False";
            var before = previous.FirstOrDefault(c => c.Type == type);
            return new Condition(type, text, reason, message, before?.Status == text ? before.LastTransitionTime : now);
        }
    }

    private static string StalledReason(string stalled) =>
        stalled.Contains("health checks", StringComparison.Ordinal) ? "NewInstancesUnhealthy"
        : stalled.Contains("not ready", StringComparison.Ordinal) ? "NewInstancesNotReady"
        : "DeploymentStalled";

    private static string Progress(InstanceCounts counts) =>
        $"{counts.Healthy} of {counts.Desired} instances healthy, {counts.Staged} starting, {counts.Scheduled} waiting for an offer"
        + (counts.Old > 0 ? $", {counts.Old} of an older version to replace" : "")
        + (counts.Stopping > 0 ? $", {counts.Stopping} stopping" : "");

    private static string Describe(FailureInfo? failure) => failure is null
        ? "instances keep failing"
        : $"instance {failure.InstanceId} ended ({failure.State}{(failure.ExitCode is { } code ? $", exit code {code}" : "")})";
}
