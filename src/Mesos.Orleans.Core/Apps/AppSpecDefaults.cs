namespace Mesos.Orleans.Core.Apps;

/// <summary>Marathon's defaults for an app definition, and the normalization that fills them in.</summary>
public static class AppSpecDefaults
{
    /// <summary>Instances when not given.</summary>
    public const int Instances = 1;

    /// <summary>CPU shares when not given.</summary>
    public const double Cpus = 1;

    /// <summary>Memory (MB) when not given.</summary>
    public const double Mem = 128;

    /// <summary>Disk (MB) when not given.</summary>
    public const double Disk = 0;

    /// <summary>GPUs when not given.</summary>
    public const double Gpus = 0;

    /// <summary>First launch delay after a failure, seconds.</summary>
    public const double BackoffSeconds = 1;

    /// <summary>Factor of each further delay.</summary>
    public const double BackoffFactor = 1.15;

    /// <summary>Longest launch delay, seconds.</summary>
    public const double MaxLaunchDelaySeconds = 300;

    /// <summary>Share of instances kept healthy during an upgrade.</summary>
    public const double MinimumHealthCapacity = 1;

    /// <summary>Share of instances allowed above the target during an upgrade.</summary>
    public const double MaximumOverCapacity = 1;

    /// <summary>
    /// Seconds an instance may be unreachable before it is replaced: Marathon's default since 1.4.6 (it was 300),
    /// replacing at once.
    /// </summary>
    public const double InactiveAfterSeconds = 0;

    /// <summary>Seconds an instance may be unreachable before it is forgotten: Marathon's default since 1.4.6 (it was 600).</summary>
    public const double ExpungeAfterSeconds = 0;

    /// <summary>
    /// Fills in every default so that two specs that mean the same thing compare equal field by field:
    /// empty collections instead of nulls, maps sorted (a port's labels too), Marathon's one default port, the default
    /// upgrade and unreachable strategies.
    /// </summary>
    /// <remarks>
    /// Marathon's default port applies only on the host's network: with port mappings, no <c>portDefinitions</c>
    /// means none. Host networking, the default, is left out (an explicit <c>[{mode: host}]</c> too), so that an app
    /// that says it and one that does not are the same app.
    /// </remarks>
    public static AppSpec Normalize(AppSpec spec) => spec with
    {
        Env = Sorted(spec.Env),
        Labels = Sorted(spec.Labels),
        PortDefinitions = [.. (spec.PortDefinitions ?? (spec.UsesPortMappings ? [] : [new PortDefinition()])).Select(p => p with { Labels = Sorted(p.Labels) })],
        UpgradeStrategy = spec.UpgradeStrategy ?? new UpgradeStrategy(),
        UnreachableStrategy = spec.UnreachableStrategy ?? new UnreachableStrategy(),
        HealthChecks = spec.HealthChecks ?? [],
        ReadinessChecks = spec.ReadinessChecks ?? [],
        Constraints = spec.Constraints ?? [],
        Container = spec.Container is { } container ? Normalize(container) : null,
        Networks = spec.UsesPortMappings ? spec.Networks : null,
    };

    private static ContainerSpec Normalize(ContainerSpec container) => container with
    {
        Docker = container.Docker is { } docker
            ? docker with { Privileged = docker.Privileged == true ? true : null, Parameters = docker.Parameters is { Count: > 0 } ? docker.Parameters : null }
            : null,
        PortMappings = container.PortMappings ?? [],
        Volumes = container.Volumes ?? [],
    };

    private static SortedDictionary<string, string> Sorted(IReadOnlyDictionary<string, string>? map) =>
        new(map?.ToDictionary(kv => kv.Key, kv => kv.Value) ?? [], StringComparer.Ordinal);
}
