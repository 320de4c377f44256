using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>An agent as <c>/master/state</c> lists it under <c>slaves</c>; <c>/master/state-summary</c> adds its task counts.</summary>
internal sealed record MesosAgent
{
    /// <summary>The agent's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its host name.</summary>
    public required string Hostname { get; init; }

    /// <summary>Its port: agents have none of their own here (in <c>up</c> the agent runs in the master's process).</summary>
    public int Port { get; init; }

    /// <summary>Where the master reaches it, in the place of Mesos' libprocess pid.</summary>
    public required string Pid { get; init; }

    /// <summary>Its attributes.</summary>
    public required IReadOnlyDictionary<string, string> Attributes { get; init; }

    /// <summary>When it first registered, in seconds since the epoch.</summary>
    public required double RegisteredTime { get; init; }

    /// <summary>When it last registered again.</summary>
    public double? ReregisteredTime { get; init; }

    /// <summary>All it offers.</summary>
    public required MesosResources Resources { get; init; }

    /// <summary>What its tasks use.</summary>
    public required MesosResources UsedResources { get; init; }

    /// <summary>What is out in offers.</summary>
    public required MesosResources OfferedResources { get; init; }

    /// <summary>Reservations by role: there are none.</summary>
    public IReadOnlyDictionary<string, MesosResources> ReservedResources { get; init; } = new Dictionary<string, MesosResources>();

    /// <summary>What is not reserved: everything.</summary>
    public required MesosResources UnreservedResources { get; init; }

    /// <summary>True while it is registered and reachable.</summary>
    public required bool Active { get; init; }

    /// <summary>The agent software's version.</summary>
    public required string Version { get; init; }

    /// <summary>Its capabilities (Mesos' names): none are claimed.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>For the summary: the frameworks with tasks on it.</summary>
    public IReadOnlyList<string>? FrameworkIds { get; init; }

    /// <summary>For the summary: its tasks by state (<c>TASK_RUNNING</c>: 3…).</summary>
    [JsonExtensionData]
    public IDictionary<string, object>? TaskCounts { get; init; }
}
