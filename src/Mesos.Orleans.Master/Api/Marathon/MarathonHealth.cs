namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>One health check result of a task (Marathon's <c>Health</c>).</summary>
/// <param name="InstanceId">The instance checked.</param>
/// <param name="Alive">True when the check passes.</param>
/// <param name="ConsecutiveFailures">Failures in a row (not tracked here: 0 when alive, 1 when not).</param>
internal sealed record MarathonHealth(string InstanceId, bool Alive, int ConsecutiveFailures);
