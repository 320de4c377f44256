using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>An agent as the master knows it.</summary>
public sealed record AgentSnapshot
{
    /// <summary>The agent's id.</summary>
    public required string AgentId { get; init; }

    /// <summary>Its hostname.</summary>
    public required string Hostname { get; init; }

    /// <summary>Where the master reaches it.</summary>
    public required string Endpoint { get; init; }

    /// <summary>What it offers in total.</summary>
    public required ResourceSet Resources { get; init; }

    /// <summary>Its attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>Its containerizers.</summary>
    public IReadOnlyList<string> Containerizers { get; init; } = [];

    /// <summary>The <see cref="Status"/> of an agent registered with this master.</summary>
    public const string ActiveStatus = "ACTIVE";

    /// <summary><c>ACTIVE</c>, <c>RECOVERING</c> (known from before a master restart, not registered again yet), <c>UNREACHABLE</c> or <c>GONE</c>.</summary>
    public required string Status { get; init; }

    /// <summary>When it first registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>When it last registered again.</summary>
    public DateTimeOffset? ReregisteredAt { get; init; }

    /// <summary>How many tasks run on it.</summary>
    public int TaskCount { get; init; }
}
