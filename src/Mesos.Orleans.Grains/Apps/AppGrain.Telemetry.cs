using System.Diagnostics;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Reconciliation;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// An app's traces: a deployment is a span of the request that made it, stored with the app, and every reconcile
/// pass of the deployment is its child — so apply, offers, launches and the tasks' first updates are one trace.
/// Work on the app's own account later (a crash, its backoff, its replacement) is a new trace linked to it.
/// </summary>
internal sealed partial class AppGrain
{
    // The trace of the latest failure not yet replaced: the replacement launched after the backoff joins it.
    private ActivityContext _failureTrace;
    private int _failuresNotReplaced;

    private void TraceDeployment(DeploymentStatus deployment)
    {
        using var activity = Sources.Apps.StartActivity($"deployment {deployment.Kind}");
        activity?.SetTag(TraceAttributes.AppId, Key)
            .SetTag(TraceAttributes.DeploymentId, deployment.Id)
            .SetTag(TraceAttributes.DeploymentKind, deployment.Kind)
            .SetTag(TraceAttributes.Generation, deployment.Generation);
        _app.State.DeploymentTrace = Traces.Context(activity);
    }

    private Activity? ReconcileSpan(ReconcilePlan plan)
    {
        if (!Sources.Apps.HasListeners())
        {
            return null;
        }

        var app = _app.State;
        var deployment = Traces.Parse(app.DeploymentTrace);
        var inDeployment = app.Deployment is { InProgress: true } && deployment != default;
        if (!inDeployment && plan.Launch == 0 && plan.Kill.Count == 0 && plan.Expunge.Count == 0)
        {
            return null; // a resync with nothing to do is no span: it would bury the ones that matter
        }

        // What woke the pass (a status update) is its parent outside a deployment, else the failure it answers.
        var parent = inDeployment ? deployment : Activity.Current?.Context ?? _failureTrace;
        var activity = Traces.Start(Sources.Apps, "reconcile", parent, inDeployment ? default : deployment);
        activity?.SetTag(TraceAttributes.AppId, Key)
            .SetTag(TraceAttributes.DeploymentId, app.Deployment?.Id)
            .SetTag(TraceAttributes.Generation, app.Generation)
            .SetTag(TraceAttributes.Launches, plan.Launch)
            .SetTag(TraceAttributes.Kills, plan.Kill.Count);
        if (app.Delay.Blocks(Time.GetUtcNow()))
        {
            activity?.AddEvent(new ActivityEvent("backoff", tags: new ActivityTagsCollection
            {
                ["mesos_orleans.backoff.until"] = app.Delay.Until?.ToString("O"),
            }));
        }

        return activity;
    }

    private void RecordFailure()
    {
        MesosMetrics.TaskFailures.Add(1);
        _failuresNotReplaced++;
        _failureTrace = Activity.Current?.Context ?? default;
    }

    private void CountReplacements(int launched)
    {
        var replacements = Math.Min(launched, _failuresNotReplaced);
        if (replacements > 0)
        {
            MesosMetrics.AppRestarts.Add(replacements);
            _failuresNotReplaced -= replacements;
            if (_failuresNotReplaced == 0)
            {
                _failureTrace = default;
            }
        }
    }
}
