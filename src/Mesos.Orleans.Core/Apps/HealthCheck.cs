using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// Marathon's health check, run by the agent next to the task: <c>HTTP</c>/<c>HTTPS</c> (a status of 200–399 is
/// healthy), <c>TCP</c> (a connection is), or <c>COMMAND</c> (exit code 0 is); the <c>MESOS_*</c> names are
/// aliases. Failures within the grace period do not count until the first success.
/// </summary>
public sealed record HealthCheck
{
    /// <summary>HTTP, HTTPS, TCP, COMMAND, or MESOS_HTTP, MESOS_HTTPS, MESOS_TCP.</summary>
    public string Protocol { get; init; } = "HTTP";

    /// <summary>The HTTP path.</summary>
    public string Path { get; init; } = "/";

    /// <summary>Which of the task's ports ($PORTn) to check.</summary>
    public int PortIndex { get; init; }

    /// <summary>A fixed port to check instead of <see cref="PortIndex"/>.</summary>
    public int? Port { get; init; }

    /// <summary>The command of a COMMAND check.</summary>
    public HealthCheckCommand? Command { get; init; }

    /// <summary>Seconds after the task starts during which failures do not count (until the first success).</summary>
    public double GracePeriodSeconds { get; init; } = HealthCheckDefaults.GracePeriodSeconds;

    /// <summary>Seconds between two checks.</summary>
    public double IntervalSeconds { get; init; } = HealthCheckDefaults.IntervalSeconds;

    /// <summary>Seconds a check may take before it counts as failed.</summary>
    public double TimeoutSeconds { get; init; } = HealthCheckDefaults.TimeoutSeconds;

    /// <summary>Failures in a row (after the grace period) that get the task killed; 0 never kills.</summary>
    public int MaxConsecutiveFailures { get; init; } = HealthCheckDefaults.MaxConsecutiveFailures;

    /// <summary>Seconds before the first check.</summary>
    public double DelaySeconds { get; init; } = HealthCheckDefaults.DelaySeconds;

    /// <summary>HTTP: a 1xx answer counts neither way.</summary>
    public bool IgnoreHttp1xx { get; init; }

    /// <summary>The protocol without its <c>MESOS_</c> prefix: HTTP, HTTPS, TCP or COMMAND.</summary>
    [JsonIgnore]
    public string Kind => Protocol.StartsWith("MESOS_", StringComparison.Ordinal) ? Protocol["MESOS_".Length..] : Protocol;
}

/// <summary>The command of a COMMAND health check.</summary>
public sealed record HealthCheckCommand
{
    /// <summary>The shell command; exit code 0 is healthy.</summary>
    public string Value { get; init; } = "";
}

/// <summary>Marathon's defaults for health checks.</summary>
public static class HealthCheckDefaults
{
    /// <summary>gracePeriodSeconds.</summary>
    public const double GracePeriodSeconds = 300;

    /// <summary>intervalSeconds.</summary>
    public const double IntervalSeconds = 60;

    /// <summary>timeoutSeconds.</summary>
    public const double TimeoutSeconds = 20;

    /// <summary>maxConsecutiveFailures.</summary>
    public const int MaxConsecutiveFailures = 3;

    /// <summary>delaySeconds.</summary>
    public const double DelaySeconds = 15;

    /// <summary>The protocols there are.</summary>
    public static readonly IReadOnlySet<string> Protocols =
        new HashSet<string>(StringComparer.Ordinal) { "HTTP", "HTTPS", "TCP", "COMMAND", "MESOS_HTTP", "MESOS_HTTPS", "MESOS_TCP" };
}
