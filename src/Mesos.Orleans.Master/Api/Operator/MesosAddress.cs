namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>Where a master is reached.</summary>
internal sealed record MesosAddress(string Hostname, int Port);
