using System.Text.RegularExpressions;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// The rules of a valid app definition beyond its shape: ranges, exclusive fields, names. Every broken rule is
/// reported with its path.
/// </summary>
public static partial class AppSpecValidator
{
    private static readonly HashSet<string> Protocols = new(StringComparer.Ordinal) { "tcp", "udp", "udp,tcp", "tcp,udp" };

    /// <summary>Checks <paramref name="spec"/>, whose fields sit under <paramref name="at"/>.</summary>
    public static void Validate(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        if (spec.Cmd is not null && spec.Args is not null)
        {
            errors.Add(at, "cmd and args cannot both be set: use cmd for a shell command, args for an argument vector");
        }
        else if (spec.Cmd is not null && string.IsNullOrWhiteSpace(spec.Cmd))
        {
            errors.Add(at, "cmd must not be empty");
        }
        else if (spec.Cmd is null && spec.Args is not { Count: > 0 } && spec.Container is not { Type: ContainerType.Docker })
        {
            // A Docker container without either runs its image's default command.
            errors.Add(at, "one of cmd or args is required");
        }

        if (spec.Args is { Count: 0 })
        {
            errors.Add(at.Property("args"), "must not be empty");
        }

        NonNegative(spec.Instances, at.Property("instances"), errors);
        NonNegative(spec.Cpus, at.Property("cpus"), errors);
        NonNegative(spec.Mem, at.Property("mem"), errors);
        NonNegative(spec.Disk, at.Property("disk"), errors);
        NonNegative(spec.Gpus, at.Property("gpus"), errors);
        NonNegative(spec.BackoffSeconds, at.Property("backoffSeconds"), errors);
        NonNegative(spec.MaxLaunchDelaySeconds, at.Property("maxLaunchDelaySeconds"), errors);
        if (spec.BackoffFactor < 1)
        {
            errors.Add(at.Property("backoffFactor"), $"must be at least 1, not {spec.BackoffFactor}");
        }

        if (spec.TaskKillGracePeriodSeconds is { } grace)
        {
            NonNegative(grace, at.Property("taskKillGracePeriodSeconds"), errors);
        }

        if (spec.UpgradeStrategy is { } upgrade)
        {
            Share(upgrade.MinimumHealthCapacity, at.Property("upgradeStrategy").Property("minimumHealthCapacity"), errors);
            Share(upgrade.MaximumOverCapacity, at.Property("upgradeStrategy").Property("maximumOverCapacity"), errors);
        }

        if (spec.UnreachableStrategy is { } unreachable)
        {
            var path = at.Property("unreachableStrategy");
            NonNegative(unreachable.InactiveAfterSeconds, path.Property("inactiveAfterSeconds"), errors);
            NonNegative(unreachable.ExpungeAfterSeconds, path.Property("expungeAfterSeconds"), errors);
            if (unreachable.InactiveAfterSeconds > unreachable.ExpungeAfterSeconds)
            {
                errors.Add(path.Property("inactiveAfterSeconds"),
                    $"must be at most expungeAfterSeconds ({unreachable.ExpungeAfterSeconds}), not {unreachable.InactiveAfterSeconds}");
            }
        }

        ValidatePorts(spec, at, errors);
        CheckValidator.Validate(spec, at, errors);
        Scheduling.Constraints.ConstraintRules.ParseAll(spec.Constraints, at.Property("constraints"), errors);
        if (spec.DeploymentTimeoutSeconds is { } timeout && timeout <= 0)
        {
            errors.Add(at.Property("deploymentTimeoutSeconds"), $"must be more than 0, not {timeout}");
        }

        ValidateContainer(spec, at, errors);
        ValidateNames(spec.Env, at.Property("env"), EnvNamePattern(), "an environment variable name (letters, digits, '_', not starting with a digit)", errors);
        ValidateLabelKeys(spec.Labels, at.Property("labels"), errors);
    }

    /// <summary>Checks the keys of labels that sit under <paramref name="at"/>.</summary>
    internal static void ValidateLabelKeys(IReadOnlyDictionary<string, string>? labels, FieldPath at, ValidationErrors errors) =>
        ValidateNames(labels, at, LabelKeyPattern(), "a label key (letters, digits, '-', '_', '.', '/')", errors);

    private static void ValidatePorts(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        if (spec.UsesPortMappings)
        {
            ValidatePortsOfContainerNetworks(spec, at, errors);
            return;
        }

        if (spec.PortDefinitions is not { } ports)
        {
            // Left out, they become Marathon's one default port, which is port 0: any port, never a fixed one.
            if (spec.RequirePorts)
            {
                errors.Add(at.Property("requirePorts"), "needs portDefinitions with fixed ports: the default port definition asks for any port");
            }

            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var fixedPorts = new HashSet<int>();
        for (int i = 0; i < ports.Count; i++)
        {
            var path = at.Property("portDefinitions").Index(i);
            var port = ports[i];
            if (port.Port is < 0 or > 65535)
            {
                errors.Add(path.Property("port"), $"must be between 0 and 65535, not {port.Port}");
            }

            if (spec.RequirePorts && port.Port == 0)
            {
                errors.Add(path.Property("port"), "must be a fixed port when requirePorts is true");
            }

            if (port.Port != 0 && !fixedPorts.Add(port.Port))
            {
                errors.Add(path.Property("port"), $"port {port.Port} is listed twice");
            }

            ValidateProtocolAndName(port.Protocol, port.Name, path, names, errors);
        }
    }

    private static void ValidateProtocolAndName(string protocol, string? name, FieldPath path, HashSet<string> names, ValidationErrors errors)
    {
        if (!Protocols.Contains(protocol))
        {
            errors.Add(path.Property("protocol"), $"must be tcp, udp or udp,tcp, not '{protocol}'");
        }

        if (name is not null)
        {
            if (!PortNamePattern().IsMatch(name))
            {
                errors.Add(path.Property("name"), $"'{name}' is not a valid port name: lowercase letters, digits and '-', starting with a letter");
            }
            else if (!names.Add(name))
            {
                errors.Add(path.Property("name"), $"the name '{name}' is used by another port");
            }
        }
    }

    private static void ValidateNames(IReadOnlyDictionary<string, string>? map, FieldPath at, Regex pattern, string what, ValidationErrors errors)
    {
        foreach (var key in map?.Keys ?? [])
        {
            if (!pattern.IsMatch(key))
            {
                errors.Add(at.Property(key), $"'{key}' is not {what}");
            }
        }
    }

    private static void NonNegative(double value, FieldPath path, ValidationErrors errors)
    {
        if (value < 0 || !double.IsFinite(value))
        {
            errors.Add(path, $"must be 0 or more, not {value}");
        }
    }

    private static void Share(double value, FieldPath path, ValidationErrors errors)
    {
        if (value is < 0 or > 1 || double.IsNaN(value))
        {
            errors.Add(path, $"must be between 0 and 1, not {value}");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvNamePattern();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9_.\\-/]*[A-Za-z0-9])?$")]
    private static partial Regex LabelKeyPattern();

    [GeneratedRegex("^[a-z][a-z0-9-]*$")]
    private static partial Regex PortNamePattern();
}
