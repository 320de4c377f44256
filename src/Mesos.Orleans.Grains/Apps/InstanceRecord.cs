using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>
/// One instance of an app, as the app stores it: which config it runs, where its task is, and the task's last
/// known state (null while the instance waits for an offer).
/// </summary>
internal sealed class InstanceRecord
{
    public string InstanceId { get; set; } = "";

    public string TaskId { get; set; } = "";

    public long ConfigGeneration { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string? AgentId { get; set; }

    public string? Hostname { get; set; }

    public List<long> Ports { get; set; } = [];

    public DateTimeOffset? StagedAt { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public TaskState? State { get; set; }

    public bool StopRequested { get; set; }

    /// <summary>Since when its agent has not answered, while its task is TASK_UNREACHABLE.</summary>
    public DateTimeOffset? UnreachableSince { get; set; }

    public DateTimeOffset? KillSentAt { get; set; }

    public bool? Healthy { get; set; }

    public bool? Ready { get; set; }

    public string? LastCheck { get; set; }

    /// <summary>Whether the config it was launched with had health checks: then it is healthy only once one passed.</summary>
    public bool HasHealthChecks { get; set; }

    /// <summary>Whether the config it was launched with had readiness checks.</summary>
    public bool HasReadinessChecks { get; set; }

    public Dictionary<string, string> AgentAttributes { get; set; } = [];

    public string? Message { get; set; }

    public int? ExitCode { get; set; }

    public bool IsPlaced => AgentId is not null;

    public InstanceView ToView() =>
        new(InstanceId, ConfigGeneration, Phase, StopRequested, HasHealthChecks ? Healthy ?? false : null, CreatedAt, StartedAt)
        {
            Ready = HasReadinessChecks ? Ready ?? false : null,
            UnreachableSince = UnreachableSince,
        };

    public InstanceSnapshot ToSnapshot(AppId app) => new()
    {
        InstanceId = InstanceId,
        TaskId = TaskId,
        App = app,
        ConfigGeneration = ConfigGeneration,
        State = State?.WireName() ?? InstanceSnapshot.ScheduledState,
        AgentId = AgentId,
        Hostname = Hostname,
        Ports = Ports,
        CreatedAt = CreatedAt,
        StagedAt = StagedAt,
        StartedAt = StartedAt,
        Healthy = Healthy,
        Ready = Ready,
        LastCheck = LastCheck,
        StopRequested = StopRequested,
        Message = Message,
        ExitCode = ExitCode,
    };

    private InstancePhase Phase => State switch
    {
        null => IsPlaced ? InstancePhase.Staging : InstancePhase.Scheduled,
        TaskState.Staging => InstancePhase.Staging,
        TaskState.Starting => InstancePhase.Starting,
        TaskState.Running => InstancePhase.Running,
        TaskState.Killing => InstancePhase.Killing,
        TaskState.Unreachable or TaskState.Unknown => InstancePhase.Unreachable,
        _ => InstancePhase.Terminal,
    };
}
