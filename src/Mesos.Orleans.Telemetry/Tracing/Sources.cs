using System.Diagnostics;

namespace Mesos.Orleans.Telemetry.Tracing;

/// <summary>
/// One <see cref="ActivitySource"/> per part, all named under <see cref="Prefix"/>, so a listener of
/// <c>MesosOrleans.*</c> hears every span. A source nobody listens to starts nothing and allocates nothing.
/// </summary>
public static class Sources
{
    /// <summary>The common prefix of every source's name (and the Meter's).</summary>
    public const string Prefix = "MesosOrleans";

    /// <summary>The HTTP API: a server span per request.</summary>
    public static readonly ActivitySource Api = new(Prefix + ".Api");

    /// <summary>Grains other than the app and the allocator: the framework, agents, tasks.</summary>
    public static readonly ActivitySource Grains = new(Prefix + ".Grains");

    /// <summary>The app reconciler: deployments and reconcile passes.</summary>
    public static readonly ActivitySource Apps = new(Prefix + ".Apps");

    /// <summary>The allocator's cycles that made offers.</summary>
    public static readonly ActivitySource Allocator = new(Prefix + ".Allocator");

    /// <summary>The agent: launches, status updates, health changes.</summary>
    public static readonly ActivitySource Agent = new(Prefix + ".Agent");

    /// <summary>The containerizers: a process or container started.</summary>
    public static readonly ActivitySource Containerizer = new(Prefix + ".Containerizer");

    /// <summary>The store: group-commit transactions.</summary>
    public static readonly ActivitySource Store = new(Prefix + ".Store");

    /// <summary>The name pattern that subscribes to every source above.</summary>
    public const string All = Prefix + ".*";
}
