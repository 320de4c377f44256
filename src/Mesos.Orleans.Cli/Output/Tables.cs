using System.Globalization;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Cli.Output;

/// <summary>The tables <c>get</c> prints for each kind, narrow and <c>-o wide</c>.</summary>
internal static class Tables
{
    public static Table Apps(IEnumerable<AppResource> apps, bool wide, DateTimeOffset now)
    {
        var table = wide
            ? new Table("NAME", "READY", "UP-TO-DATE", "STATUS", "GENERATION", "AGE", "CPUS", "MEM", "COMMAND")
            : new Table("NAME", "READY", "UP-TO-DATE", "STATUS", "GENERATION", "AGE");
        foreach (var app in apps)
        {
            var counts = app.Status.Instances;
            var row = new List<string>
            {
                app.Metadata.Name,
                $"{counts.Healthy}/{counts.Desired}",
                (counts.Live - counts.Old).ToString(CultureInfo.InvariantCulture),
                StatusOf(app.Status),
                app.Metadata.Generation.ToString(CultureInfo.InvariantCulture),
                Age.Since(app.Metadata.CreationTimestamp, now),
            };
            if (wide)
            {
                row.Add(app.Spec.Cpus.ToString(CultureInfo.InvariantCulture));
                row.Add(app.Spec.Mem.ToString(CultureInfo.InvariantCulture));
                row.Add(Shorten(app.Spec.Cmd ?? string.Join(' ', app.Spec.Args ?? []), 50));
            }

            table.Add([.. row]);
        }

        return table;
    }

    public static Table Tasks(IEnumerable<InstanceSnapshot> tasks, bool wide, DateTimeOffset now)
    {
        var table = wide
            ? new Table("NAME", "APP", "STATE", "HOST", "PORTS", "AGE", "AGENT", "GENERATION", "MESSAGE")
            : new Table("NAME", "APP", "STATE", "HOST", "PORTS", "AGE");
        foreach (var task in tasks)
        {
            var row = new List<string>
            {
                task.TaskId,
                task.App.Name,
                task.State.StartsWith("TASK_", StringComparison.Ordinal) ? task.State[5..] : task.State,
                task.Hostname ?? "-",
                task.Ports.Count == 0 ? "-" : string.Join(',', task.Ports),
                Age.Since(task.StartedAt ?? task.StagedAt ?? task.CreatedAt, now),
            };
            if (wide)
            {
                row.Add(task.AgentId ?? "-");
                row.Add(task.ConfigGeneration.ToString(CultureInfo.InvariantCulture));
                row.Add(Shorten(task.Message ?? "", 60));
            }

            table.Add([.. row]);
        }

        return table;
    }

    public static Table Agents(IEnumerable<AgentResource> agents, bool wide, DateTimeOffset now)
    {
        var table = wide
            ? new Table("NAME", "HOSTNAME", "STATUS", "CPUS", "MEM", "TASKS", "AGE", "CONTAINERIZERS", "ENDPOINT", "ATTRIBUTES")
            : new Table("NAME", "HOSTNAME", "STATUS", "CPUS", "MEM", "TASKS", "AGE");
        foreach (var resource in agents)
        {
            var agent = resource.Agent;
            var row = new List<string>
            {
                agent.AgentId,
                agent.Hostname,
                agent.Status,
                Usage(resource.Used.Cpus, agent.Resources.Cpus),
                Usage(resource.Used.Mem, agent.Resources.Mem),
                agent.TaskCount.ToString(CultureInfo.InvariantCulture),
                Age.Since(agent.RegisteredAt, now),
            };
            if (wide)
            {
                row.Add(string.Join(',', agent.Containerizers));
                row.Add(agent.Endpoint);
                row.Add(agent.Attributes.Count == 0 ? "-" : string.Join(',', agent.Attributes.Select(a => $"{a.Key}={a.Value}")));
            }

            table.Add([.. row]);
        }

        return table;
    }

    public static Table Frameworks(IEnumerable<FrameworkSnapshot> frameworks, DateTimeOffset now)
    {
        var table = new Table("NAME", "ROLE", "ACTIVE", "QUEUED", "AGE");
        foreach (var framework in frameworks)
        {
            table.Add(framework.FrameworkId, framework.Role, framework.Active ? "true" : "false",
                framework.QueuedLaunches.ToString(CultureInfo.InvariantCulture), Age.Since(framework.RegisteredAt, now));
        }

        return table;
    }

    /// <summary>One word for where an app stands, from its conditions.</summary>
    public static string StatusOf(AppStatus status)
    {
        var degraded = status.Conditions.FirstOrDefault(c => c.Type == Condition.Degraded);
        var progressing = status.Conditions.FirstOrDefault(c => c.Type == Condition.Progressing);
        if (degraded is { Status: "True", Reason: "CrashLoopBackOff" or "InsufficientResources" })
        {
            return degraded.Reason;
        }

        return progressing?.Reason switch
        {
            "DeploymentComplete" => "Running",
            null => "Unknown",
            var reason => reason,
        };
    }

    private static string Usage(double used, double total) =>
        string.Create(CultureInfo.InvariantCulture, $"{Math.Round(used, 3)}/{Math.Round(total, 3)}");

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Scalars and ports in a line: <c>cpus 0.1, mem 64 MB, disk 0 MB, 1 port</c>.</summary>
    public static string Describe(ResourceSet resources, int ports) =>
        string.Create(CultureInfo.InvariantCulture,
            $"cpus {resources.Cpus}, mem {resources.Mem} MB, disk {resources.Disk} MB{(resources.Gpus > 0 ? $", gpus {resources.Gpus}" : "")}, {ports} port{(ports == 1 ? "" : "s")}");
}
