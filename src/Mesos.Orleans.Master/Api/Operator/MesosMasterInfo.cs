namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>A master as Mesos' <c>leader_info</c> describes it.</summary>
internal sealed record MesosMasterInfo(string Id, string Pid, int Port, string Hostname, string Version, MesosAddress Address);
