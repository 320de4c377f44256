using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.View;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary>
/// Derives Marathon's events from consecutive snapshots of the read model: an instance's new state is a
/// <c>status_update_event</c> and an <c>instance_changed_event</c>; an app's new deployment is a
/// <c>deployment_info</c>, its end a <c>deployment_step_success</c> and a <c>deployment_success</c> (or, cancelled or
/// timed out, a <c>deployment_failed</c>); a deleted app's
/// last instance gone is an <c>app_terminated_event</c>. One translator follows one subscription, in order.
/// </summary>
internal sealed class MarathonEventTranslator(ClusterView view, StopDeployments stops, TimeProvider time)
{
    // Deployments that ended before the translator started are history, not news (a restarted master republishes them).
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    // Deleted apps whose instances are still being killed, with the stop /v2 recorded for them, if any.
    private readonly Dictionary<AppId, StopDeployment?> _terminating = [];

    /// <summary>The events one change makes, in order.</summary>
    public IReadOnlyList<MarathonEvent> Translate(ClusterChange change)
    {
        var now = time.GetUtcNow();
        var events = new List<MarathonEvent>();
        switch (change)
        {
            case AppChange { Current: { } app } c:
                OnAppChanged(c.Previous, app, now, events);
                break;
            case AppChange { Previous: { } gone }:
                OnAppRemoved(gone, now, events);
                break;
            case InstanceChange { Current: { } instance } c:
                OnInstanceChanged(c.Previous, instance, now, events);
                break;
            case InstanceChange { Previous: { } gone }:
                FinishIfTerminated(gone.App, now, events);
                break;
        }

        return events;
    }

    private void OnAppChanged(AppSnapshot? previous, AppSnapshot app, DateTimeOffset now, List<MarathonEvent> events)
    {
        _terminating.Remove(app.Id); // created again before the old instances were gone
        var before = previous?.Status.Deployment;
        if (app.Status.Deployment is not { } deployment)
        {
            return;
        }

        var plan = MarathonViews.Plan(app, deployment);
        if (deployment.Id == before?.Id)
        {
            if (before.FinishedAt is null && deployment.FinishedAt is not null)
            {
                if (deployment.Phase == DeploymentStatus.Complete)
                {
                    AddSuccess(plan, now, events);
                }
                else
                {
                    events.Add(Failed(app, deployment, deployment.Message, now)); // cancelled where it stood, or timed out
                }
            }

            return;
        }

        if (before is { FinishedAt: null })
        {
            events.Add(Failed(previous!, before, "superseded by a newer deployment of the app", now));
        }

        if (previous is null && deployment.FinishedAt is not null && deployment.StartedAt < _startedAt)
        {
            return;
        }

        events.Add(new DeploymentInfoEvent { Plan = plan, CurrentStep = plan.Steps[0], Timestamp = now });
        if (deployment.FinishedAt is not null)
        {
            AddSuccess(plan, now, events); // begun and done in one turn of the app (nothing to launch or kill)
        }
    }

    private void OnAppRemoved(AppSnapshot gone, DateTimeOffset now, List<MarathonEvent> events)
    {
        if (gone.Status.Deployment is { FinishedAt: null } unfinished)
        {
            events.Add(Failed(gone, unfinished, "the app was deleted", now));
        }

        var stop = stops.Of(gone.Id);
        if (stop is not null)
        {
            var plan = MarathonViews.Plan(stop);
            events.Add(new DeploymentInfoEvent { Plan = plan, CurrentStep = plan.Steps[0], Timestamp = now });
        }

        _terminating[gone.Id] = stop;
        FinishIfTerminated(gone.Id, now, events);
    }

    private void OnInstanceChanged(InstanceSnapshot? previous, InstanceSnapshot instance, DateTimeOffset now, List<MarathonEvent> events)
    {
        var app = view.App(instance.App);
        var version = MarathonViews.InstanceVersion(instance, app);
        if (instance.State != previous?.State)
        {
            if (instance.State != InstanceSnapshot.ScheduledState)
            {
                events.Add(new StatusUpdateEvent
                {
                    SlaveId = instance.AgentId ?? "",
                    TaskId = instance.TaskId,
                    TaskStatus = instance.State,
                    Message = instance.Message ?? "",
                    AppId = instance.App.Path,
                    Host = instance.Hostname ?? "",
                    Ports = instance.Ports,
                    Version = version,
                    Timestamp = now,
                });
            }

            events.Add(new InstanceChangedEvent
            {
                InstanceId = instance.InstanceId,
                Condition = MarathonViews.Condition(instance.State),
                RunSpecId = instance.App.Path,
                AgentId = instance.AgentId,
                Host = instance.Hostname,
                RunSpecVersion = version,
                Timestamp = now,
            });
        }

        if (instance.Healthy is { } alive && alive != previous?.Healthy)
        {
            events.Add(new HealthStatusChangedEvent
            {
                AppId = instance.App.Path,
                InstanceId = instance.InstanceId,
                Version = version,
                Alive = alive,
                Timestamp = now,
            });
        }
    }

    // A deleted app is terminated once the view holds none of its instances (the view may be ahead of this change:
    // then it is reported now, and the removals still to come find nothing to do).
    private void FinishIfTerminated(AppId app, DateTimeOffset now, List<MarathonEvent> events)
    {
        if (!_terminating.TryGetValue(app, out var stop) || view.InstancesOf(app).Any())
        {
            return;
        }

        _terminating.Remove(app);
        events.Add(new AppTerminatedEvent { AppId = app.Path, Timestamp = now });
        if (stop is not null && stops.Finish(app) is not null)
        {
            AddSuccess(MarathonViews.Plan(stop), now, events);
        }
    }

    private static void AddSuccess(MarathonDeploymentPlan plan, DateTimeOffset now, List<MarathonEvent> events)
    {
        events.Add(new DeploymentStepSuccessEvent { Plan = plan, CurrentStep = plan.Steps[0], Timestamp = now });
        events.Add(new DeploymentSuccessEvent { Id = plan.Id, Plan = plan, Timestamp = now });
    }

    private static DeploymentFailedEvent Failed(AppSnapshot app, DeploymentStatus deployment, string reason, DateTimeOffset now) =>
        new() { Id = deployment.Id, Plan = MarathonViews.Plan(app, deployment), Reason = reason, Timestamp = now };
}
