using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// Marathon's <c>container</c>: what an instance runs in. A <see cref="ContainerType.Docker"/> container runs an
/// image on the agent's Docker engine; a <see cref="ContainerType.Mesos"/> container without an image is the plain
/// process containerizer (the same as no container at all).
/// </summary>
public sealed record ContainerSpec
{
    /// <summary>The name of the Docker containerizer.</summary>
    public const string DockerContainerizer = "docker";

    /// <summary>The name of the process containerizer.</summary>
    public const string ProcessContainerizer = "process";

    /// <summary>DOCKER (Marathon's default) or MESOS.</summary>
    public ContainerType Type { get; init; } = ContainerType.Docker;

    /// <summary>The image and how to get it; required for DOCKER.</summary>
    public DockerSpec? Docker { get; init; }

    /// <summary>
    /// With <c>container/bridge</c> or <c>container</c> networking, the container ports published on the host; they
    /// are the app's ports ($PORT0… are their host ports, in this order).
    /// </summary>
    public IReadOnlyList<PortMapping>? PortMappings { get; init; }

    /// <summary>Host paths mounted into the container.</summary>
    public IReadOnlyList<VolumeSpec>? Volumes { get; init; }

    /// <summary>The containerizer an instance of <paramref name="spec"/> needs: <c>docker</c> or <c>process</c>.</summary>
    public static string ContainerizerOf(AppSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.Container is { Type: ContainerType.Docker } ? DockerContainerizer : ProcessContainerizer;
    }

    /// <summary>Field by field, lists by content in order (left out equals empty).</summary>
    public bool Equals(ContainerSpec? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Type == other.Type
            && Equals(Docker, other.Docker)
            && (PortMappings ?? []).SequenceEqual(other.PortMappings ?? [])
            && (Volumes ?? []).SequenceEqual(other.Volumes ?? []));

    /// <inheritdoc />
    public override int GetHashCode() =>
        HashCode.Combine(Type, Docker, SpecEquality.ListHash(PortMappings ?? []), SpecEquality.ListHash(Volumes ?? []));
}

/// <summary>The kind of a container.</summary>
public enum ContainerType
{
    /// <summary>A Docker image run by the agent's Docker engine.</summary>
    [JsonStringEnumMemberName("DOCKER")]
    Docker,

    /// <summary>Mesos' own containerizer; without an image, a plain process.</summary>
    [JsonStringEnumMemberName("MESOS")]
    Mesos,
}

/// <summary>Marathon's <c>container.docker</c>.</summary>
public sealed record DockerSpec
{
    /// <summary>The image, as <c>docker run</c> takes it (<c>busybox</c>, <c>registry:5000/team/web:1.2</c>).</summary>
    public string? Image { get; init; }

    /// <summary>Pull the image before every launch, even when the agent has it.</summary>
    public bool ForcePullImage { get; init; }

    /// <summary>Accepted only as false: privileged containers are not supported.</summary>
    public bool? Privileged { get; init; }

    /// <summary>Accepted only empty: arbitrary <c>docker run</c> parameters are not supported.</summary>
    public IReadOnlyList<DockerParameter>? Parameters { get; init; }

    /// <summary>Field by field (parameters left out equal empty).</summary>
    public bool Equals(DockerSpec? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Image == other.Image
            && ForcePullImage == other.ForcePullImage
            && (Privileged ?? false) == (other.Privileged ?? false)
            && (Parameters ?? []).SequenceEqual(other.Parameters ?? []));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Image, ForcePullImage, Privileged ?? false, SpecEquality.ListHash(Parameters ?? []));
}

/// <summary>A <c>docker run</c> parameter (Marathon's <c>docker.parameters</c> item); not supported.</summary>
public sealed record DockerParameter
{
    /// <summary>The option's name, e.g. <c>cap-add</c>.</summary>
    public string Key { get; init; } = "";

    /// <summary>Its value.</summary>
    public string Value { get; init; } = "";
}

/// <summary>A container port published on the host (Marathon's <c>container.portMappings</c> item).</summary>
public sealed record PortMapping
{
    /// <summary>The port inside the container (1–65535).</summary>
    public int ContainerPort { get; init; }

    /// <summary>The host port: 0 for any port from the agent's offer, else exactly this one.</summary>
    public int HostPort { get; init; }

    /// <summary><c>tcp</c>, <c>udp</c> or <c>udp,tcp</c>.</summary>
    public string Protocol { get; init; } = "tcp";

    /// <summary>A name, exported as <c>$PORT_NAME</c>.</summary>
    public string? Name { get; init; }

    /// <summary>Labels of the port.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Field by field, labels by content (left out equals empty).</summary>
    public bool Equals(PortMapping? other) =>
        ReferenceEquals(this, other)
        || (other is not null && ContainerPort == other.ContainerPort && HostPort == other.HostPort && Protocol == other.Protocol
            && Name == other.Name && SpecEquality.Maps(Labels, other.Labels));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ContainerPort, HostPort, Protocol, Name, SpecEquality.MapHash(Labels));
}

/// <summary>A host path mounted into the container (Marathon's host volume).</summary>
public sealed record VolumeSpec
{
    /// <summary>The absolute path inside the container.</summary>
    public string? ContainerPath { get; init; }

    /// <summary>The absolute path on the agent's machine.</summary>
    public string? HostPath { get; init; }

    /// <summary>RO or RW; required, as in Marathon.</summary>
    public VolumeMode? Mode { get; init; }
}

/// <summary>How a volume is mounted.</summary>
public enum VolumeMode
{
    /// <summary>Read-only.</summary>
    [JsonStringEnumMemberName("RO")]
    ReadOnly,

    /// <summary>Read-write.</summary>
    [JsonStringEnumMemberName("RW")]
    ReadWrite,
}

/// <summary>A network an instance joins (Marathon's <c>networks</c> item).</summary>
public sealed record NetworkSpec
{
    /// <summary>host (the default), container/bridge, or container (a named network).</summary>
    public NetworkMode Mode { get; init; } = NetworkMode.Host;

    /// <summary>The network's name, for <c>container</c> mode (a Docker network on the agent).</summary>
    public string? Name { get; init; }
}

/// <summary>Marathon's networking modes.</summary>
public enum NetworkMode
{
    /// <summary>The host's network: the app's ports are its <c>portDefinitions</c>, bound on the host.</summary>
    [JsonStringEnumMemberName("host")]
    Host,

    /// <summary>Docker's bridge: container ports published on host ports by <c>portMappings</c>.</summary>
    [JsonStringEnumMemberName("container/bridge")]
    ContainerBridge,

    /// <summary>A named container network (a user-defined Docker network), with <c>portMappings</c> published on the host.</summary>
    [JsonStringEnumMemberName("container")]
    Container,
}
