namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>The answer of <c>GET /master/state-summary</c>: agents and frameworks with their task counts.</summary>
internal sealed record MesosStateSummary(string Hostname, IReadOnlyList<MesosAgent> Slaves, IReadOnlyList<MesosFramework> Frameworks);
