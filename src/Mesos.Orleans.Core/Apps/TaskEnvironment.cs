using System.Globalization;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// The environment Marathon gives a task: the app's <c>env</c>, then <c>$PORT0…</c>, <c>$PORT</c>, <c>$PORTS</c>,
/// <c>$PORT_NAME</c> (host ports, also with port mappings), <c>$HOST</c>, the <c>MARATHON_APP_*</c> variables and <c>MESOS_TASK_ID</c>.
/// </summary>
public static class TaskEnvironment
{
    /// <summary>Builds the environment of one task of <paramref name="app"/> placed on <paramref name="hostname"/>.</summary>
    public static IReadOnlyDictionary<string, string> Build(
        AppId app, AppSpec spec, long version, string taskId, string hostname, IReadOnlyList<long> hostPorts)
    {
        var env = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in spec.Env ?? new Dictionary<string, string>())
        {
            env[name] = value;
        }

        var ports = hostPorts.Select(p => p.ToString(CultureInfo.InvariantCulture)).ToList();
        for (int i = 0; i < ports.Count; i++)
        {
            env[$"PORT{i}"] = ports[i];
            var name = PortName(spec, i);
            if (name is not null)
            {
                env[$"PORT_{name.ToUpperInvariant().Replace('-', '_')}"] = ports[i];
            }
        }

        if (ports.Count > 0)
        {
            env["PORT"] = ports[0];
            env["PORTS"] = string.Join(',', ports);
        }

        env["HOST"] = hostname;
        env["MESOS_TASK_ID"] = taskId;
        env["MARATHON_APP_ID"] = app.Path;
        env["MARATHON_APP_VERSION"] = version.ToString(CultureInfo.InvariantCulture);
        env["MARATHON_APP_RESOURCE_CPUS"] = spec.Cpus.ToString(CultureInfo.InvariantCulture);
        env["MARATHON_APP_RESOURCE_MEM"] = spec.Mem.ToString(CultureInfo.InvariantCulture);
        env["MARATHON_APP_RESOURCE_DISK"] = spec.Disk.ToString(CultureInfo.InvariantCulture);
        env["MARATHON_APP_RESOURCE_GPUS"] = spec.Gpus.ToString(CultureInfo.InvariantCulture);
        var labels = spec.Labels ?? new Dictionary<string, string>();
        env["MARATHON_APP_LABELS"] = string.Join(' ', labels.Keys.Select(LabelVariable));
        foreach (var (key, value) in labels)
        {
            env[$"MARATHON_APP_LABEL_{LabelVariable(key)}"] = value;
        }

        return env;
    }

    // The name of the i-th port: of its port mapping with container networking, else of its port definition.
    private static string? PortName(AppSpec spec, int i) => spec.UsesPortMappings
        ? spec.Container?.PortMappings is { } mappings && i < mappings.Count ? mappings[i].Name : null
        : spec.PortDefinitions is { } defs && i < defs.Count ? defs[i].Name : null;

    // Marathon's rule: a label key becomes upper case with every non-alphanumeric character turned into '_'.
    private static string LabelVariable(string key) =>
        new(key.ToUpperInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
}
