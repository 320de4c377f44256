using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Grains.Tasks;

/// <summary>The stored state of a task grain.</summary>
internal sealed class TaskRecord
{
    public TaskLaunch? Launch { get; set; }

    public string AgentId { get; set; } = "";

    public string Hostname { get; set; } = "";

    public TaskState State { get; set; } = TaskState.Staging;

    public DateTimeOffset StagedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public TaskStatusUpdate? LastStatus { get; set; }

    /// <summary>The uuids of the latest updates applied, so a resent update is applied once.</summary>
    public List<Guid> RecentUpdates { get; set; } = [];
}
