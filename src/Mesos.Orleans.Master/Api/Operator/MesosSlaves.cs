namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>The answer of <c>GET /master/slaves</c>.</summary>
internal sealed record MesosSlaves(IReadOnlyList<MesosAgent> Slaves)
{
    /// <summary>Agents known from the store but not registered since: none are listed.</summary>
    public IReadOnlyList<MesosAgent> RecoveredSlaves { get; init; } = [];
}
