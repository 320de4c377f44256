using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// An app's desired state: Marathon's app definition, with the same field names and the same defaults, so a
/// manifest's <c>spec</c> and a Marathon app JSON are one model.
/// </summary>
/// <remarks>Collections are never null once <see cref="AppSpecDefaults.Normalize"/> has run.</remarks>
public sealed record AppSpec
{
    /// <summary>Marathon's app id (<c>/group/app</c>). In a manifest it comes from <c>metadata.name</c>.</summary>
    public string? Id { get; init; }

    /// <summary>The command, run under <c>/bin/sh -c</c>. Exclusive with <see cref="Args"/>.</summary>
    public string? Cmd { get; init; }

    /// <summary>The command as an argument vector, run without a shell. Exclusive with <see cref="Cmd"/>.</summary>
    public IReadOnlyList<string>? Args { get; init; }

    /// <summary>Environment variables for the task.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>How many instances to keep running.</summary>
    public int Instances { get; init; } = AppSpecDefaults.Instances;

    /// <summary>CPU shares per instance.</summary>
    public double Cpus { get; init; } = AppSpecDefaults.Cpus;

    /// <summary>Memory per instance, in MB.</summary>
    public double Mem { get; init; } = AppSpecDefaults.Mem;

    /// <summary>Disk per instance, in MB.</summary>
    public double Disk { get; init; } = AppSpecDefaults.Disk;

    /// <summary>GPUs per instance.</summary>
    public double Gpus { get; init; } = AppSpecDefaults.Gpus;

    /// <summary>
    /// The ports each instance needs on its host; each becomes <c>$PORT0</c>, <c>$PORT1</c>, … When left out,
    /// Marathon's default of one port applies.
    /// </summary>
    public IReadOnlyList<PortDefinition>? PortDefinitions { get; init; }

    /// <summary>When true, the host ports are exactly the ones in <see cref="PortDefinitions"/>.</summary>
    public bool RequirePorts { get; init; }

    /// <summary>The first launch delay after a failure, in seconds.</summary>
    public double BackoffSeconds { get; init; } = AppSpecDefaults.BackoffSeconds;

    /// <summary>The factor each further failure multiplies the delay by.</summary>
    public double BackoffFactor { get; init; } = AppSpecDefaults.BackoffFactor;

    /// <summary>The longest launch delay, in seconds.</summary>
    public double MaxLaunchDelaySeconds { get; init; } = AppSpecDefaults.MaxLaunchDelaySeconds;

    /// <summary>Labels of the app (Marathon's <c>labels</c>; a manifest's <c>metadata.labels</c> merge in).</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>How a rolling upgrade keeps capacity.</summary>
    public UpgradeStrategy? UpgradeStrategy { get; init; }

    /// <summary>What happens to instances whose agent stops answering: when they are replaced, when forgotten.</summary>
    public UnreachableStrategy? UnreachableStrategy { get; init; }

    /// <summary>Which instances a scale-down kills first.</summary>
    public KillSelection KillSelection { get; init; } = KillSelection.YoungestFirst;

    /// <summary>Seconds between SIGTERM and SIGKILL when a task is killed; the agent's default when null.</summary>
    public double? TaskKillGracePeriodSeconds { get; init; }

    /// <summary>Health checks; a task failing one too often is killed and replaced.</summary>
    public IReadOnlyList<HealthCheck>? HealthChecks { get; init; }

    /// <summary>Readiness checks; during a deployment a new instance counts once it is ready.</summary>
    public IReadOnlyList<ReadinessCheck>? ReadinessChecks { get; init; }

    /// <summary>Placement constraints: <c>[field, OPERATOR, value?]</c> on <c>hostname</c> or an agent attribute.</summary>
    public IReadOnlyList<IReadOnlyList<string>>? Constraints { get; init; }

    /// <summary>Seconds a deployment may take before it is given up (opt-in; none when null).</summary>
    public double? DeploymentTimeoutSeconds { get; init; }

    /// <summary>What a deployment that times out does: <c>FAIL</c> (say so, leave it) or <c>ROLLBACK</c>.</summary>
    public DeploymentTimeoutAction DeploymentTimeoutAction { get; init; } = DeploymentTimeoutAction.Fail;

    /// <summary>What each instance runs in: a Docker image, or (left out) a plain process.</summary>
    public ContainerSpec? Container { get; init; }

    /// <summary>The networks each instance joins; left out, the host's network.</summary>
    public IReadOnlyList<NetworkSpec>? Networks { get; init; }

    /// <summary>
    /// True when the app's ports are its container's <c>portMappings</c> (<c>container/bridge</c> or
    /// <c>container</c> networking), not its <c>portDefinitions</c>.
    /// </summary>
    [JsonIgnore]
    public bool UsesPortMappings => Networks is { Count: > 0 } networks && networks[0].Mode != NetworkMode.Host;

    /// <summary>The resources one instance asks for, without ports.</summary>
    [JsonIgnore]
    public Resources.ResourceSet ScalarResources => new(Cpus, Mem, Disk, Gpus);

    /// <summary>
    /// Equal when both mean the same app: their normalized forms (every default filled in, maps sorted) serialize
    /// alike. So a map left out equals an empty one, while no <c>portDefinitions</c> (Marathon's one default port)
    /// differs from an empty list (no port). New fields take part without anything to maintain here.
    /// </summary>
    public bool Equals(AppSpec? other) =>
        ReferenceEquals(this, other) || (other is not null && Canonical(this) == Canonical(other));

    /// <inheritdoc />
    public override int GetHashCode() => Canonical(this).GetHashCode(StringComparison.Ordinal);

    private static string Canonical(AppSpec spec) =>
        System.Text.Json.JsonSerializer.Serialize(AppSpecDefaults.Normalize(spec), Serialization.Json.Options);
}

/// <summary>A port an instance needs (Marathon's <c>portDefinitions</c> item).</summary>
public sealed record PortDefinition
{
    /// <summary>The port number: a fixed host port with <c>requirePorts</c>, else 0 for any port from the offer.</summary>
    public int Port { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>udp,tcp</c>.</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>A name, exported as <c>$PORT_NAME</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Labels of the port.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Field by field, labels by content (left out equals empty).</summary>
    public bool Equals(PortDefinition? other) =>
        ReferenceEquals(this, other)
        || (other is not null && Port == other.Port && Protocol == other.Protocol && Name == other.Name && SpecEquality.Maps(Labels, other.Labels));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Port, Protocol, Name, SpecEquality.MapHash(Labels));
}

/// <summary>Marathon's <c>upgradeStrategy</c>.</summary>
public sealed record UpgradeStrategy
{
    /// <summary>The share of instances that must stay healthy during an upgrade (0…1).</summary>
    public double MinimumHealthCapacity { get; init; } = AppSpecDefaults.MinimumHealthCapacity;

    /// <summary>The share of instances that may run above the target during an upgrade (0…1).</summary>
    public double MaximumOverCapacity { get; init; } = AppSpecDefaults.MaximumOverCapacity;
}

/// <summary>
/// Marathon's <c>unreachableStrategy</c>: an instance whose agent stopped answering for
/// <see cref="InactiveAfterSeconds"/> is replaced (it no longer counts), and after <see cref="ExpungeAfterSeconds"/>
/// it is forgotten: its task is declared gone and killed should its agent come back. Until it is forgotten, an
/// instance whose agent comes back counts again (and the app scales its extra instances down).
/// </summary>
public sealed record UnreachableStrategy
{
    /// <summary>Seconds unreachable before a replacement launches (0: at once).</summary>
    public double InactiveAfterSeconds { get; init; } = AppSpecDefaults.InactiveAfterSeconds;

    /// <summary>Seconds unreachable before the instance is forgotten; at least <see cref="InactiveAfterSeconds"/>.</summary>
    public double ExpungeAfterSeconds { get; init; } = AppSpecDefaults.ExpungeAfterSeconds;
}

/// <summary>What a deployment does when it outlives <c>deploymentTimeoutSeconds</c>.</summary>
public enum DeploymentTimeoutAction
{
    /// <summary>Mark it failed and leave the instances as they are (Kubernetes' progress deadline).</summary>
    [JsonStringEnumMemberName("FAIL")]
    Fail,

    /// <summary>Roll back to the version before it.</summary>
    [JsonStringEnumMemberName("ROLLBACK")]
    Rollback,
}

/// <summary>Which instances a scale-down kills first.</summary>
public enum KillSelection
{
    /// <summary>The most recently started first (Marathon's default).</summary>
    [JsonStringEnumMemberName("YOUNGEST_FIRST")]
    YoungestFirst,

    /// <summary>The longest running first.</summary>
    [JsonStringEnumMemberName("OLDEST_FIRST")]
    OldestFirst,
}
