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

    /// <summary>
    /// An offer of the agent written <c>"host attr=value …"</c> (see <see cref="ParseAgent"/>); its id is
    /// <paramref name="id"/>, else <c>offer-host</c>.
    /// </summary>
    public static Offer OfferOn(string agent, string resources = DefaultResources, string? id = null)
    {
        var (hostname, attributes) = ParseAgent(agent);
        return new(id ?? "offer-" + hostname, "marathon", "agent-" + hostname, hostname, R(resources), attributes, ["mesos"]);
    }

    /// <summary>Reads an agent written <c>"host attr=value …"</c>: its hostname, then its attributes.</summary>
    public static (string Hostname, IReadOnlyDictionary<string, string> Attributes) ParseAgent(string agent)
    {
        var words = agent.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (words[0], words.Skip(1).Select(w => w.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal));
    }
}
