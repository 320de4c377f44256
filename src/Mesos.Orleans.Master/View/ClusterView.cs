using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Master.View;

/// <summary>
/// The master's read model: the latest snapshot of every app, instance, agent and framework, kept current by the
/// grains as they change. The API lists and watches from here without calling grains; it writes through grains.
/// </summary>
public sealed class ClusterView : IClusterObserver
{
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

    /// <inheritdoc />
    public void AppChanged(AppSnapshot app) => _apps[app.Id] = app;

    /// <inheritdoc />
    public void AppRemoved(AppId app) => _apps.TryRemove(app, out _);

    /// <inheritdoc />
    public void InstanceChanged(InstanceSnapshot instance) =>
        _instances.GetOrAdd(instance.App, _ => new(StringComparer.Ordinal))[instance.InstanceId] = instance;

    /// <inheritdoc />
    public void InstanceRemoved(AppId app, string instanceId)
    {
        if (_instances.TryGetValue(app, out var instances))
        {
            instances.TryRemove(instanceId, out _);
        }
    }

    /// <inheritdoc />
    public void AgentChanged(AgentSnapshot agent) => _agents[agent.AgentId] = agent;

    /// <inheritdoc />
    public void FrameworkChanged(FrameworkSnapshot framework) => _frameworks[framework.FrameworkId] = framework;
}
