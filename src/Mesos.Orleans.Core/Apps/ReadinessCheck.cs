namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// Marathon's readiness check: during a deployment a new instance counts only once an HTTP check of it answers
/// with one of <see cref="HttpStatusCodesForReady"/> (it may be running and healthy, yet still warming up).
/// </summary>
public sealed record ReadinessCheck
{
    /// <summary>A name for people.</summary>
    public string Name { get; init; } = "readinessCheck";

    /// <summary>HTTP or HTTPS.</summary>
    public string Protocol { get; init; } = "HTTP";

    /// <summary>The path.</summary>
    public string Path { get; init; } = "/";

    /// <summary>The name of the port (from <c>portDefinitions</c>) to check.</summary>
    public string PortName { get; init; } = "http-api";

    /// <summary>Seconds between two checks.</summary>
    public double IntervalSeconds { get; init; } = 30;

    /// <summary>Seconds a check may take.</summary>
    public double TimeoutSeconds { get; init; } = 10;

    /// <summary>The answers that mean ready.</summary>
    public IReadOnlyList<int> HttpStatusCodesForReady { get; init; } = [200];

    /// <summary>Keep the last answer's body for display.</summary>
    public bool PreserveLastResponse { get; init; }
}
