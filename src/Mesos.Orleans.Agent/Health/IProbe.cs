namespace Mesos.Orleans.Agent.Health;

/// <summary>Asks a task once whether it is well: an HTTP request, a TCP connection, or a command.</summary>
public interface IProbe
{
    /// <summary>Runs the check; the token ends it at its timeout.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken);
}
