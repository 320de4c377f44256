using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Grains.Agents;

/// <summary>The stored state of an agent grain: its registration. Liveness is kept in memory only.</summary>
internal sealed class AgentRecord
{
    public string Hostname { get; set; } = "";

    public string Endpoint { get; set; } = "";

    public ResourceSet Resources { get; set; } = ResourceSet.Empty;

    public Dictionary<string, string> Attributes { get; set; } = [];

    public List<string> Containerizers { get; set; } = [];

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset? ReregisteredAt { get; set; }

    public string Status { get; set; } = AgentStatuses.Active;
}

/// <summary>A task the master launched on an agent (stored per task, so launches and ends write one row each).</summary>
internal sealed record AgentTask(string FrameworkId, string? AppId);

/// <summary>The states of an agent as the master sees it.</summary>
internal static class AgentStatuses
{
    /// <summary>Registered and answering.</summary>
    public const string Active = AgentSnapshot.ActiveStatus;

    /// <summary>Known from before a master restart, not yet registered again.</summary>
    public const string Recovering = "RECOVERING";

    /// <summary>Stopped answering.</summary>
    public const string Unreachable = "UNREACHABLE";

    /// <summary>Removed.</summary>
    public const string Gone = "GONE";
}
