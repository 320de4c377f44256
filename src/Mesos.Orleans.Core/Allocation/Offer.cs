using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>Resources of one agent offered to one framework, until accepted, declined or rescinded.</summary>
public sealed record Offer(
    string OfferId,
    string FrameworkId,
    string AgentId,
    string Hostname,
    ResourceSet Resources,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Containerizers);
