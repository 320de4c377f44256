using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Apps;

/// <summary>The rules of <c>container</c> and <c>networks</c> (Marathon's, on a smaller model).</summary>
public static partial class AppSpecValidator
{
    private static void ValidateContainer(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        ValidateNetworks(spec, at, errors);
        if (spec.Container is not { } container)
        {
            return;
        }

        var path = at.Property("container");
        if (container.Type == ContainerType.Docker)
        {
            ValidateDocker(container.Docker, path.Property("docker"), errors);
        }
        else
        {
            if (container.Docker is not null)
            {
                errors.Add(path.Property("docker"), "a MESOS container with a Docker image is not supported: use type DOCKER");
            }

            if (container.Volumes is { Count: > 0 })
            {
                errors.Add(path.Property("volumes"), "volumes need a DOCKER container");
            }
        }

        if (!spec.UsesPortMappings && container.PortMappings is { Count: > 0 })
        {
            errors.Add(path.Property("portMappings"), "need container/bridge or container networking (networks: [{mode: container/bridge}]); on the host's network the ports are portDefinitions");
        }

        ValidateVolumes(container.Volumes ?? [], path.Property("volumes"), errors);
    }

    private static void ValidateDocker(DockerSpec? docker, FieldPath path, ValidationErrors errors)
    {
        if (docker is null)
        {
            errors.Add(path, "is required for a DOCKER container, with its image");
            return;
        }

        if (string.IsNullOrWhiteSpace(docker.Image))
        {
            errors.Add(path.Property("image"), "is required for a DOCKER container");
        }
        else if (docker.Image.Any(char.IsWhiteSpace))
        {
            errors.Add(path.Property("image"), $"'{docker.Image}' is not an image reference: it holds white space");
        }

        if (docker.Privileged == true)
        {
            errors.Add(path.Property("privileged"), "privileged containers are not supported");
        }

        if (docker.Parameters is { Count: > 0 })
        {
            errors.Add(path.Property("parameters"), "docker parameters are not supported: leave them out or empty");
        }
    }

    private static void ValidateNetworks(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        if (spec.Networks is not { } networks)
        {
            return;
        }

        if (networks.Count > 1)
        {
            errors.Add(at.Property("networks"), $"only one network is supported, not {networks.Count}");
        }

        for (int i = 0; i < networks.Count; i++)
        {
            var path = at.Property("networks").Index(i);
            var network = networks[i];
            if (network.Mode == NetworkMode.Container && string.IsNullOrWhiteSpace(network.Name))
            {
                errors.Add(path.Property("name"), "is required in container mode: the Docker network to join");
            }
            else if (network.Mode != NetworkMode.Container && network.Name is not null)
            {
                errors.Add(path.Property("name"), "only a network of mode container has a name");
            }

            if (network.Mode != NetworkMode.Host && spec.Container is not { Type: ContainerType.Docker })
            {
                errors.Add(path.Property("mode"), $"{Wire(network.Mode)} networking needs a DOCKER container");
            }
        }
    }

    // With container networking the ports are the port mappings: Marathon's default port definition does not apply.
    private static void ValidatePortsOfContainerNetworks(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        var mode = Wire(spec.Networks![0].Mode);
        if (spec.PortDefinitions is { Count: > 0 })
        {
            errors.Add(at.Property("portDefinitions"), $"must be empty with {mode} networking: the container's portMappings are the ports");
        }

        if (spec.RequirePorts)
        {
            errors.Add(at.Property("requirePorts"), $"applies to portDefinitions on the host's network; with {mode} networking a hostPort other than 0 is always required as given");
        }

        var mappings = spec.Container?.PortMappings ?? [];
        var names = new HashSet<string>(StringComparer.Ordinal);
        var fixedPorts = new HashSet<int>();
        for (int i = 0; i < mappings.Count; i++)
        {
            var path = at.Property("container").Property("portMappings").Index(i);
            var mapping = mappings[i];
            if (mapping.ContainerPort is < 1 or > 65535)
            {
                errors.Add(path.Property("containerPort"), $"must be between 1 and 65535, not {mapping.ContainerPort}");
            }

            if (mapping.HostPort is < 0 or > 65535)
            {
                errors.Add(path.Property("hostPort"), $"must be between 0 (any port) and 65535, not {mapping.HostPort}");
            }
            else if (mapping.HostPort != 0 && !fixedPorts.Add(mapping.HostPort))
            {
                errors.Add(path.Property("hostPort"), $"host port {mapping.HostPort} is listed twice");
            }

            ValidateProtocolAndName(mapping.Protocol, mapping.Name, path, names, errors);
            ValidateLabelKeys(mapping.Labels, path.Property("labels"), errors);
        }
    }

    private static void ValidateVolumes(IReadOnlyList<VolumeSpec> volumes, FieldPath at, ValidationErrors errors)
    {
        var targets = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < volumes.Count; i++)
        {
            var path = at.Index(i);
            var volume = volumes[i];
            if (string.IsNullOrWhiteSpace(volume.ContainerPath))
            {
                errors.Add(path.Property("containerPath"), "is required");
            }
            else if (!volume.ContainerPath.StartsWith('/') || volume.ContainerPath.Contains(':', StringComparison.Ordinal))
            {
                errors.Add(path.Property("containerPath"), $"must be an absolute path without ':', not '{volume.ContainerPath}'");
            }
            else if (!targets.Add(volume.ContainerPath.TrimEnd('/')))
            {
                errors.Add(path.Property("containerPath"), $"'{volume.ContainerPath}' is mounted twice");
            }

            if (string.IsNullOrWhiteSpace(volume.HostPath))
            {
                errors.Add(path.Property("hostPath"), "is required: only host volumes are supported");
            }
            else if (!volume.HostPath.StartsWith('/') || volume.HostPath.Contains(':', StringComparison.Ordinal))
            {
                errors.Add(path.Property("hostPath"), $"must be an absolute path without ':', not '{volume.HostPath}'");
            }

            if (volume.Mode is null)
            {
                errors.Add(path.Property("mode"), "is required: RO or RW");
            }
        }
    }

    private static string Wire(NetworkMode mode) => mode switch
    {
        NetworkMode.ContainerBridge => "container/bridge",
        NetworkMode.Container => "container",
        _ => "host",
    };
}
