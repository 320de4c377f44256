using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>
/// Receives every change the grains make, so the master can keep a read model (what the API lists and watches)
/// without calling grains. Calls are synchronous and must be quick.
/// </summary>
public interface IClusterObserver
{
    /// <summary>An app changed (spec or status).</summary>
    void AppChanged(AppSnapshot app);

    /// <summary>An app is gone.</summary>
    void AppRemoved(AppId app);

    /// <summary>An instance changed.</summary>
    void InstanceChanged(InstanceSnapshot instance);

    /// <summary>An instance is gone.</summary>
    void InstanceRemoved(AppId app, string instanceId);

    /// <summary>An agent changed.</summary>
    void AgentChanged(AgentSnapshot agent);

    /// <summary>A framework changed.</summary>
    void FrameworkChanged(FrameworkSnapshot framework);
}
