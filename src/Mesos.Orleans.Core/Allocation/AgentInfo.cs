using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>What the allocator knows of an agent when it is added: where it is, what it has, how it can run tasks.</summary>
public sealed record AgentInfo(
    string AgentId,
    string Hostname,
    ResourceSet Total,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<string> Containerizers);
