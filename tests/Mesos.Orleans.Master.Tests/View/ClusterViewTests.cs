using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Master.Tests.Support;
using Mesos.Orleans.Master.View;

namespace Mesos.Orleans.Master.Tests.View;

public sealed class ClusterViewTests
{
    [Fact]
    public void AppChanged_PublishesTheSnapshotBeforeAndAfter()
    {
        var view = new ClusterView();
        using var changes = view.Subscribe(10);
        var first = Snapshots.App("web");
        var second = first with { Generation = 2 };

        view.AppChanged(first);
        view.AppChanged(second);
        view.AppRemoved(first.Id);

        Assert.True(changes.Changes.TryRead(out var a));
        Assert.Equal(new AppChange(null, first), a);
        Assert.True(changes.Changes.TryRead(out var b));
        Assert.Equal(new AppChange(first, second), b);
        Assert.True(changes.Changes.TryRead(out var c));
        Assert.Equal(new AppChange(second, null), c);
        Assert.Null(view.App(first.Id));
    }

    [Fact]
    public void InstanceRemoved_PublishesOnlyWhatTheViewHeld()
    {
        var view = new ClusterView();
        var app = Snapshots.App("web");
        var instance = Snapshots.Instance(app, "web.instance-1", "TASK_RUNNING");
        view.InstanceChanged(instance);
        using var changes = view.Subscribe(10);

        view.InstanceRemoved(app.Id, "web.instance-1");
        view.InstanceRemoved(app.Id, "web.instance-1");

        Assert.True(changes.Changes.TryRead(out var removed));
        Assert.Equal(new InstanceChange(instance, null), removed);
        Assert.False(changes.Changes.TryRead(out _));
    }

    [Fact]
    public void Subscribe_WithAppsReturnsTheStateTheChangesFollowFrom()
    {
        var view = new ClusterView();
        var web = Snapshots.App("web");
        view.AppChanged(web);

        using var changes = view.Subscribe(10, out var apps);
        var db = Snapshots.App("db");
        view.AppChanged(db);

        Assert.Equal([web], apps);
        Assert.True(changes.Changes.TryRead(out var next));
        Assert.Equal(new AppChange(null, db), next);
    }

    [Fact]
    public void InstanceChanged_CountsTasksThatEndWhileWatched()
    {
        var view = new ClusterView();
        var app = Snapshots.App("web");
        var running = Snapshots.Instance(app, "web.instance-1", "TASK_RUNNING");

        view.InstanceChanged(Snapshots.Instance(app, "web.instance-0", "TASK_FAILED")); // ended before it was seen
        view.InstanceChanged(running);
        view.InstanceChanged(running with { State = "TASK_FAILED" });
        view.InstanceChanged(running with { State = "TASK_FAILED", Message = "again" });

        Assert.Equal(1, view.EndedTasks["TASK_FAILED"]);
        Assert.Single(view.EndedTasks);
    }
}
