using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Agent.Health;

/// <summary>Builds the probe a check describes.</summary>
internal static class Probes
{
    public static IProbe For(TaskCheck check, string sandbox, IReadOnlyDictionary<string, string> environment) => check.Kind switch
    {
        "HTTP" or "HTTPS" => new HttpProbe(HttpProbe.SharedClient,
            new Uri($"{check.Kind.ToLowerInvariant()}://127.0.0.1:{check.Port}{check.Path}"),
            check.Readiness ? check.ReadyStatusCodes : null, check.IgnoreHttp1xx),
        "TCP" => new TcpProbe(check.Port ?? 0),
        "COMMAND" => new CommandProbe(check.Command ?? "false", sandbox, environment),
        _ => throw new ArgumentException($"unknown check kind {check.Kind}", nameof(check)),
    };
}
