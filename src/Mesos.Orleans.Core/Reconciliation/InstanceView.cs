namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>What the planner needs to know of one instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="ConfigGeneration">The generation of the config it runs; older than the app's means it is to be replaced.</param>
/// <param name="Phase">Where it is in its life.</param>
/// <param name="StopRequested">True once the app asked for it to be killed.</param>
/// <param name="Healthy">Its health: null when it has no health checks (then running counts as healthy); false
/// also before the first check passed when it has some.</param>
/// <param name="CreatedAt">When the instance was created.</param>
/// <param name="StartedAt">When its task started running, if it did.</param>
public sealed record InstanceView(
    string InstanceId,
    long ConfigGeneration,
    InstancePhase Phase,
    bool StopRequested,
    bool? Healthy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt)
{
    /// <summary>Its readiness: null without readiness checks; false until one passed.</summary>
    public bool? Ready { get; init; }

    /// <summary>Since when its agent has not answered, while <see cref="Phase"/> is <see cref="InstancePhase.Unreachable"/>.</summary>
    public DateTimeOffset? UnreachableSince { get; init; }

    /// <summary>True while the instance exists or will: not ended.</summary>
    public bool IsLive => Phase != InstancePhase.Terminal;

    /// <summary>True when it serves: running, healthy if it has health checks, ready if it has readiness checks.</summary>
    public bool IsHealthy => Phase == InstancePhase.Running && Healthy != false && Ready != false;
}
