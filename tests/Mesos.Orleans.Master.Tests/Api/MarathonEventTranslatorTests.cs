using Mesos.Orleans.Master.Api.Events;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.Tests.Support;
using Mesos.Orleans.Master.View;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Master.Tests.Api;

public sealed class MarathonEventTranslatorTests
{
    private readonly FakeTimeProvider _time = new(Snapshots.T0);
    private readonly ClusterView _view = new();
    private readonly StopDeployments _stops;
    private readonly MarathonEventTranslator _translator;

    public MarathonEventTranslatorTests()
    {
        _stops = new StopDeployments(_time);
        _translator = new MarathonEventTranslator(_view, _stops, _time);
    }

    [Fact]
    public void Translate_ADeploymentFromStartToEnd()
    {
        var created = Snapshots.App("web");
        var done = created with { Status = created.Status with { Deployment = Snapshots.Done(created.Status.Deployment!, Snapshots.T0.AddSeconds(3)) } };

        var started = Types(new AppChange(null, created));
        var unchanged = Types(new AppChange(created, created));
        var finished = _translator.Translate(new AppChange(created, done));

        Assert.Equal(["deployment_info"], started);
        Assert.Empty(unchanged);
        Assert.Equal(["deployment_step_success", "deployment_success"], finished.Select(e => e.EventType));
        var success = Assert.IsType<DeploymentSuccessEvent>(finished[1]);
        Assert.Equal("d1", success.Id);
        Assert.Equal(MarathonDeploymentAction.Start, success.Plan.Steps[0].Actions[0].Action);
    }

    [Fact]
    public void Translate_ADeploymentCancelledWhereItStoodFails()
    {
        var created = Snapshots.App("web");
        var cancelled = created with
        {
            Status = created.Status with
            {
                Deployment = Snapshots.Done(created.Status.Deployment!, Snapshots.T0.AddSeconds(3)) with
                {
                    Phase = Contracts.Views.DeploymentStatus.Cancelled,
                    Message = "cancelled: instances are left as they are",
                },
            },
        };

        var events = _translator.Translate(new AppChange(created, cancelled));

        var failed = Assert.IsType<DeploymentFailedEvent>(Assert.Single(events));
        Assert.Equal(("d1", "cancelled: instances are left as they are"), (failed.Id, failed.Reason));
    }

    [Fact]
    public void Translate_ANewDeploymentSupersedesOneUnderWay()
    {
        var created = Snapshots.App("web");
        var changed = created with
        {
            Generation = 2,
            ConfigGeneration = 2,
            Status = created.Status with { Deployment = Snapshots.Deploying("d2", 2, Snapshots.T0.AddSeconds(5)) },
        };

        var events = _translator.Translate(new AppChange(created, changed));

        Assert.Equal(["deployment_failed", "deployment_info"], events.Select(e => e.EventType));
        Assert.Equal("d1", Assert.IsType<DeploymentFailedEvent>(events[0]).Id);
        var info = Assert.IsType<DeploymentInfoEvent>(events[1]);
        Assert.Equal(MarathonDeploymentAction.Restart, info.CurrentStep.Actions[0].Action);
    }

    [Fact]
    public void Translate_AFinishedDeploymentFromBeforeTheStartIsNotNews()
    {
        var old = Snapshots.App("web");
        var republished = old with { Status = old.Status with { Deployment = Snapshots.Done(old.Status.Deployment!, Snapshots.T0) } };
        _time.Advance(TimeSpan.FromMinutes(1));
        var translator = new MarathonEventTranslator(_view, _stops, _time);

        Assert.Empty(translator.Translate(new AppChange(null, republished)));
    }

    [Fact]
    public void Translate_AnInstanceThroughItsStates()
    {
        var app = Snapshots.App("web");
        _view.AppChanged(app);
        var scheduled = Snapshots.Instance(app, "web.instance-1", "SCHEDULED");
        var running = Snapshots.Instance(app, "web.instance-1", "TASK_RUNNING");

        var queued = _translator.Translate(new InstanceChange(null, scheduled));
        var started = _translator.Translate(new InstanceChange(scheduled, running));
        var healthy = _translator.Translate(new InstanceChange(running, running with { Healthy = true }));

        Assert.Equal(["instance_changed_event"], queued.Select(e => e.EventType));
        Assert.Equal("Scheduled", Assert.IsType<InstanceChangedEvent>(queued[0]).Condition);
        Assert.Equal(["status_update_event", "instance_changed_event"], started.Select(e => e.EventType));
        var update = Assert.IsType<StatusUpdateEvent>(started[0]);
        Assert.Equal(("TASK_RUNNING", "web.instance-1._app.1", "/web", "agent-1", "host-1"), (update.TaskStatus, update.TaskId, update.AppId, update.SlaveId, update.Host));
        Assert.Equal([31000L], update.Ports);
        Assert.Equal(Snapshots.T0, update.Version);
        Assert.Equal("Running", Assert.IsType<InstanceChangedEvent>(started[1]).Condition);
        var health = Assert.IsType<HealthStatusChangedEvent>(Assert.Single(healthy));
        Assert.True(health.Alive);
    }

    [Fact]
    public void Translate_ADeleteThatV2StartedEndsWhenTheLastInstanceIsGone()
    {
        var app = Snapshots.App("web", deployment: Snapshots.Done(Snapshots.Deploying("d1", 1, Snapshots.T0), Snapshots.T0));
        var instance = Snapshots.Instance(app, "web.instance-1", "TASK_RUNNING");
        _view.InstanceChanged(instance);
        var stop = _stops.Begin(app.Id);

        var removed = Types(new AppChange(app, null));
        _view.InstanceRemoved(app.Id, instance.InstanceId);
        var gone = _translator.Translate(new InstanceChange(instance, null));

        Assert.Equal(["deployment_info"], removed);
        Assert.Equal(["app_terminated_event", "deployment_step_success", "deployment_success"], gone.Select(e => e.EventType));
        Assert.Equal(stop.Id, Assert.IsType<DeploymentSuccessEvent>(gone[2]).Id);
        Assert.Equal(MarathonDeploymentAction.Stop, Assert.IsType<DeploymentSuccessEvent>(gone[2]).Plan.Steps[0].Actions[0].Action);
        Assert.Null(_stops.Of(app.Id));
    }

    [Fact]
    public void Translate_ADeleteWithoutInstancesTerminatesAtOnceAndFailsTheDeploymentUnderWay()
    {
        var app = Snapshots.App("web");

        Assert.Equal(["deployment_failed", "app_terminated_event"], Types(new AppChange(app, null)));
    }

    private List<string> Types(ClusterChange change) => _translator.Translate(change).Select(e => e.EventType).ToList();
}
