using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Tests.Support;

/// <summary>Agents, offers and times for allocation and matching tests.</summary>
internal static class Cluster
{
    public const string DefaultResources = "cpus:4;mem:4096;disk:1000;ports:[31000-31099]";

    public static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Dictionary<string, string> NoAttributes = [];

    public static ResourceSet R(string text) => ResourceSet.Parse(text);

    /// <summary>The scalars of <paramref name="text"/>: cluster-wide sums leave ports out.</summary>
    public static ResourceSet Scalars(string text) => R(text).WithoutPorts();

    public static DateTimeOffset At(double seconds) => T0.AddSeconds(seconds);

    public static AgentInfo Agent(string id, string resources = DefaultResources, params string[] containerizers) =>
        new(id, id + ".example", R(resources), NoAttributes, containerizers.Length == 0 ? ["mesos"] : containerizers);

    public static Offer Offer(string id, string resources, params string[] containerizers) =>
        new(id, "marathon", "agent-" + id, id + ".example", R(resources), NoAttributes, containerizers.Length == 0 ? ["mesos"] : containerizers);
}
