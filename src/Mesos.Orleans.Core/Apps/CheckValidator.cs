using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Apps;

/// <summary>The rules of health and readiness checks: protocols, the port they check, sane timings.</summary>
internal static class CheckValidator
{
    public static void Validate(AppSpec spec, FieldPath at, ValidationErrors errors)
    {
        var ports = spec.PortDefinitions?.Count ?? 1; // left out: Marathon's one default port
        for (int i = 0; i < (spec.HealthChecks?.Count ?? 0); i++)
        {
            ValidateHealth(spec.HealthChecks![i], ports, at.Property("healthChecks").Index(i), errors);
        }

        var portNames = spec.PortDefinitions?.Select(p => p.Name).OfType<string>().ToHashSet(StringComparer.Ordinal) ?? [];
        for (int i = 0; i < (spec.ReadinessChecks?.Count ?? 0); i++)
        {
            ValidateReadiness(spec.ReadinessChecks![i], portNames, at.Property("readinessChecks").Index(i), errors);
        }
    }

    private static void ValidateHealth(HealthCheck check, int ports, FieldPath at, ValidationErrors errors)
    {
        if (!HealthCheckDefaults.Protocols.Contains(check.Protocol))
        {
            errors.Add(at.Property("protocol"), $"must be one of {string.Join(", ", HealthCheckDefaults.Protocols)}, not '{check.Protocol}'");
        }
        else if (check.Kind == "COMMAND")
        {
            if (string.IsNullOrWhiteSpace(check.Command?.Value))
            {
                errors.Add(at.Property("command").Property("value"), "a COMMAND check needs a command");
            }
        }
        else if (check.Port is null && (check.PortIndex < 0 || check.PortIndex >= ports))
        {
            errors.Add(at.Property("portIndex"), ports == 0
                ? "the app has no port to check: give a port, or use a COMMAND check"
                : $"must name one of the app's {ports} ports (0 to {ports - 1}), not {check.PortIndex}");
        }

        if (check.Port is { } port && port is < 1 or > 65535)
        {
            errors.Add(at.Property("port"), $"must be between 1 and 65535, not {port}");
        }

        if (check.Kind is "HTTP" or "HTTPS" && !check.Path.StartsWith('/'))
        {
            errors.Add(at.Property("path"), $"must start with '/', not '{check.Path}'");
        }

        Timings(check.IntervalSeconds, check.TimeoutSeconds, at, errors);
        if (check.GracePeriodSeconds < 0)
        {
            errors.Add(at.Property("gracePeriodSeconds"), "must be 0 or more");
        }

        if (check.DelaySeconds < 0)
        {
            errors.Add(at.Property("delaySeconds"), "must be 0 or more");
        }

        if (check.MaxConsecutiveFailures < 0)
        {
            errors.Add(at.Property("maxConsecutiveFailures"), "must be 0 (never kill) or more");
        }
    }

    private static void ValidateReadiness(ReadinessCheck check, HashSet<string> portNames, FieldPath at, ValidationErrors errors)
    {
        if (check.Protocol is not ("HTTP" or "HTTPS"))
        {
            errors.Add(at.Property("protocol"), $"must be HTTP or HTTPS, not '{check.Protocol}'");
        }

        if (!portNames.Contains(check.PortName))
        {
            errors.Add(at.Property("portName"), portNames.Count == 0
                ? $"'{check.PortName}' names no port: give the port a name in portDefinitions"
                : $"'{check.PortName}' is not one of the ports' names ({string.Join(", ", portNames)})");
        }

        if (!check.Path.StartsWith('/'))
        {
            errors.Add(at.Property("path"), $"must start with '/', not '{check.Path}'");
        }

        Timings(check.IntervalSeconds, check.TimeoutSeconds, at, errors);
        if (check.HttpStatusCodesForReady.Count == 0 || check.HttpStatusCodesForReady.Any(c => c is < 100 or > 599))
        {
            errors.Add(at.Property("httpStatusCodesForReady"), "must list HTTP status codes (100 to 599)");
        }
    }

    private static void Timings(double interval, double timeout, FieldPath at, ValidationErrors errors)
    {
        if (interval <= 0)
        {
            errors.Add(at.Property("intervalSeconds"), $"must be more than 0, not {interval}");
        }

        // A timeout longer than the interval is allowed, as in Marathon (its defaults are 60 s and 20 s, and an app that
        // checks every 10 s keeps the 20 s timeout): the agent never runs one check twice at once.
        if (timeout <= 0)
        {
            errors.Add(at.Property("timeoutSeconds"), $"must be more than 0, not {timeout}");
        }
    }
}
