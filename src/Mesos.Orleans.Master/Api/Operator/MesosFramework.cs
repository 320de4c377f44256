using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>
/// A framework as Mesos' endpoints show it: the summary fields always; its tasks and registration (<c>/master/state</c>,
/// <c>/master/frameworks</c>) or its task counts and agents (<c>/master/state-summary</c>).
/// </summary>
internal sealed record MesosFramework
{
    /// <summary>The framework's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>What its tasks use.</summary>
    public required MesosResources UsedResources { get; init; }

    /// <summary>What it holds in offers.</summary>
    public required MesosResources OfferedResources { get; init; }

    /// <summary>Its capabilities: none claimed.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Where it runs: in the master.</summary>
    public required string Hostname { get; init; }

    /// <summary>Its UI: none.</summary>
    public string WebuiUrl { get; init; } = "";

    /// <summary>True while it may take offers.</summary>
    public required bool Active { get; init; }

    /// <summary>True while it is connected (built-in frameworks always are when active).</summary>
    public required bool Connected { get; init; }

    /// <summary>True when known from a previous master only: never here.</summary>
    public bool Recovered { get; init; }

    /// <summary>The user its tasks run as: the agent's.</summary>
    public string? User { get; init; }

    /// <summary>How long it may be away before its tasks are killed: built-in frameworks do not go away.</summary>
    public double? FailoverTimeout { get; init; }

    /// <summary>Agents checkpoint its tasks.</summary>
    public bool? Checkpoint { get; init; }

    /// <summary>Its role.</summary>
    public string? Role { get; init; }

    /// <summary>When it registered, in seconds since the epoch.</summary>
    public double? RegisteredTime { get; init; }

    /// <summary>When it unregistered: 0, it did not.</summary>
    public double? UnregisteredTime { get; init; }

    /// <summary>Used and offered together.</summary>
    public MesosResources? Resources { get; init; }

    /// <summary>Its tasks that are not done.</summary>
    public IReadOnlyList<MesosTask>? Tasks { get; init; }

    /// <summary>Its tasks on unreachable agents.</summary>
    public IReadOnlyList<MesosTask>? UnreachableTasks { get; init; }

    /// <summary>Its ended tasks that are still known.</summary>
    public IReadOnlyList<MesosTask>? CompletedTasks { get; init; }

    /// <summary>Its offers (not listed one by one here).</summary>
    public IReadOnlyList<object>? Offers { get; init; }

    /// <summary>Its executors: none.</summary>
    public IReadOnlyList<object>? Executors { get; init; }

    /// <summary>For the summary: the agents it has tasks on.</summary>
    public IReadOnlyList<string>? SlaveIds { get; init; }

    /// <summary>For the summary: its tasks by state.</summary>
    [JsonExtensionData]
    public IDictionary<string, object>? TaskCounts { get; init; }
}
