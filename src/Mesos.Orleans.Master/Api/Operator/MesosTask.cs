namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>A task as Mesos' endpoints list it.</summary>
internal sealed record MesosTask
{
    /// <summary>The task's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its name: the app's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its framework.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>Its executor: tasks run without one here (command tasks), so empty.</summary>
    public string ExecutorId { get; init; } = "";

    /// <summary>Its agent.</summary>
    public required string SlaveId { get; init; }

    /// <summary>Its state.</summary>
    public required string State { get; init; }

    /// <summary>What it uses.</summary>
    public required MesosResources Resources { get; init; }

    /// <summary>The role its resources are allocated to.</summary>
    public string Role { get; init; } = "*";

    /// <summary>The states it went through that are known, oldest first.</summary>
    public required IReadOnlyList<MesosTaskStatus> Statuses { get; init; }
}
