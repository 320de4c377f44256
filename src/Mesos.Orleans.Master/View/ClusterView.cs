using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Master.View;

/// <summary>
/// The master's read model: the latest snapshot of every app, instance, agent and framework, kept current by the
/// grains as they change. The API lists and watches from here without calling grains; it writes through grains.
/// Every change is also published, with the snapshot before it, to subscribers of <see cref="Subscribe"/> (the event
/// stream and watches); a subscriber that falls behind is dropped, never waited for.
/// </summary>
public sealed class ClusterView : IClusterObserver
{
    // Updates and their publication happen together under this lock, so subscribers see the changes of one object in
    // the order they were made, and a subscription taken with a copy of the state misses and repeats nothing. Reads
    // do not take it.
    private readonly object _gate = new();
    private readonly ChangeFeed<ClusterChange> _feed = new();
    private readonly ConcurrentDictionary<string, long> _endedTasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<AppId, AppSnapshot> _apps = new();
    private readonly ConcurrentDictionary<AppId, ConcurrentDictionary<string, InstanceSnapshot>> _instances = new();
    private readonly ConcurrentDictionary<string, AgentSnapshot> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, FrameworkSnapshot> _frameworks = new(StringComparer.Ordinal);

    /// <summary>Every app, by id.</summary>
    public IEnumerable<AppSnapshot> Apps => _apps.Values.OrderBy(a => a.Id.Path, StringComparer.Ordinal);

    /// <summary>Every instance of every app.</summary>
    public IEnumerable<InstanceSnapshot> Instances => _instances.Values.SelectMany(i => i.Values);

    /// <summary>Every agent.</summary>
    public IEnumerable<AgentSnapshot> Agents => _agents.Values.OrderBy(a => a.Hostname, StringComparer.Ordinal).ThenBy(a => a.AgentId, StringComparer.Ordinal);

    /// <summary>Every framework.</summary>
    public IEnumerable<FrameworkSnapshot> Frameworks => _frameworks.Values.OrderBy(f => f.FrameworkId, StringComparer.Ordinal);

    /// <summary>One app, or null.</summary>
    public AppSnapshot? App(AppId id) => _apps.GetValueOrDefault(id);

    /// <summary>The instances of one app.</summary>
    public IEnumerable<InstanceSnapshot> InstancesOf(AppId id) =>
        _instances.TryGetValue(id, out var instances) ? instances.Values.OrderBy(i => i.CreatedAt).ThenBy(i => i.InstanceId, StringComparer.Ordinal) : [];

    /// <summary>One agent, or null.</summary>
    public AgentSnapshot? Agent(string id) => _agents.GetValueOrDefault(id);

    /// <summary>One framework, or null.</summary>
    public FrameworkSnapshot? Framework(string id) => _frameworks.GetValueOrDefault(id);

    /// <summary>
    /// How many tasks this master saw end, by terminal state (<c>TASK_FAILED</c>…), since it started: Mesos' task
    /// counters. An instance already ended when the view first sees it is not counted.
    /// </summary>
    public IReadOnlyDictionary<string, long> EndedTasks => _endedTasks;

    /// <summary>How many subscribers follow the changes.</summary>
    public int SubscriberCount => _feed.SubscriberCount;

    /// <summary>Subscribes to every change from now on; at most <paramref name="capacity"/> may wait unread.</summary>
    public ChangeSubscription<ClusterChange> Subscribe(int capacity)
    {
        lock (_gate)
        {
            return _feed.Subscribe(capacity);
        }
    }

    /// <summary>
    /// Subscribes like <see cref="Subscribe"/>, and returns the apps as they stand at that moment: the changes that
    /// follow apply to exactly that list (what a watch needs).
    /// </summary>
    public ChangeSubscription<ClusterChange> Subscribe(int capacity, out IReadOnlyList<AppSnapshot> apps)
    {
        lock (_gate)
        {
            apps = Apps.ToList();
            return _feed.Subscribe(capacity);
        }
    }

    /// <inheritdoc />
    public void AppChanged(AppSnapshot app)
    {
        lock (_gate)
        {
            _apps.TryGetValue(app.Id, out var previous);
            _apps[app.Id] = app;
            _feed.Publish(new AppChange(previous, app));
        }
    }

    /// <inheritdoc />
    public void AppRemoved(AppId app)
    {
        lock (_gate)
        {
            if (_apps.TryRemove(app, out var previous))
            {
                _feed.Publish(new AppChange(previous, null));
            }
        }
    }

    /// <inheritdoc />
    public void InstanceChanged(InstanceSnapshot instance)
    {
        lock (_gate)
        {
            var instances = _instances.GetOrAdd(instance.App, _ => new(StringComparer.Ordinal));
            instances.TryGetValue(instance.InstanceId, out var previous);
            instances[instance.InstanceId] = instance;
            CountEnd(previous, instance);
            _feed.Publish(new InstanceChange(previous, instance));
        }
    }

    /// <inheritdoc />
    public void InstanceRemoved(AppId app, string instanceId)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(app, out var instances) && instances.TryRemove(instanceId, out var previous))
            {
                _feed.Publish(new InstanceChange(previous, null));
            }
        }
    }

    /// <inheritdoc />
    public void AgentChanged(AgentSnapshot agent)
    {
        lock (_gate)
        {
            _agents.TryGetValue(agent.AgentId, out var previous);
            _agents[agent.AgentId] = agent;
            _feed.Publish(new AgentChange(previous, agent));
        }
    }

    /// <inheritdoc />
    public void FrameworkChanged(FrameworkSnapshot framework)
    {
        lock (_gate)
        {
            _frameworks.TryGetValue(framework.FrameworkId, out var previous);
            _frameworks[framework.FrameworkId] = framework;
            _feed.Publish(new FrameworkChange(previous, framework));
        }
    }

    private void CountEnd(InstanceSnapshot? previous, InstanceSnapshot current)
    {
        if (previous is not null && previous.State != current.State && IsTerminal(current.State) && !IsTerminal(previous.State))
        {
            _endedTasks.AddOrUpdate(current.State, 1, (_, n) => n + 1);
        }
    }

    private static bool IsTerminal(string state) => TaskStates.TryParse(state, out var parsed) && parsed.IsTerminal();
}
