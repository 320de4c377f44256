namespace Mesos.Orleans.Contracts.Agents;

/// <summary>
/// A health or readiness check the agent runs next to a task, with its port already resolved to the task's host
/// port: HTTP(S) GET, a TCP connection, or a COMMAND run in the task's sandbox.
/// </summary>
public sealed record TaskCheck
{
    /// <summary>HTTP, HTTPS, TCP or COMMAND.</summary>
    public required string Kind { get; init; }

    /// <summary>A name for people.</summary>
    public string Name { get; init; } = "";

    /// <summary>True for a readiness check (it stops once it passed), false for a health check.</summary>
    public bool Readiness { get; init; }

    /// <summary>The host port to check (HTTP, HTTPS, TCP).</summary>
    public long? Port { get; init; }

    /// <summary>The HTTP path.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The shell command of a COMMAND check.</summary>
    public string? Command { get; init; }

    /// <summary>Seconds after the start during which failures do not count until the first success.</summary>
    public double GracePeriodSeconds { get; init; }

    /// <summary>Seconds between checks.</summary>
    public double IntervalSeconds { get; init; } = 60;

    /// <summary>Seconds a check may take.</summary>
    public double TimeoutSeconds { get; init; } = 20;

    /// <summary>Seconds before the first check.</summary>
    public double DelaySeconds { get; init; }

    /// <summary>Failures in a row that get the task killed; 0 never.</summary>
    public int MaxConsecutiveFailures { get; init; }

    /// <summary>HTTP: a 1xx answer counts neither way.</summary>
    public bool IgnoreHttp1xx { get; init; }

    /// <summary>Readiness: the answers that mean ready.</summary>
    public IReadOnlyList<int> ReadyStatusCodes { get; init; } = [];
}
