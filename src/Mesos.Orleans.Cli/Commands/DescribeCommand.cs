using System.CommandLine;
using System.Globalization;
using Mesos.Orleans.Cli.Output;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>describe app NAME</c>: everything a person needs to know why an app is as it is — its spec, its instances,
/// its conditions, why instances wait, the backoff and the last failure, and what happened lately.
/// </summary>
internal static class DescribeCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "app" };
        kind.AcceptOnlyFromAmong("app", "apps");
        var name = new Argument<string>("name") { Description = "The app's name" };
        var command = new Command("describe", "Show an app in detail: instances, conditions, failures, events") { kind, name };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var app = await client.GetAppAsync(result.GetValue(name)!, cancellationToken);
            var tasks = await client.GetAppTasksAsync(result.GetValue(name)!, cancellationToken);
            var events = await client.GetAppEventsAsync(result.GetValue(name)!, cancellationToken);
            Write(cli.Output, app, tasks, events, DateTimeOffset.UtcNow);
            return CliContext.Ok;
        }));
        return command;
    }

    public static void Write(TextWriter o, AppResource app, IReadOnlyList<InstanceSnapshot> tasks, IReadOnlyList<AppEvent> events, DateTimeOffset now)
    {
        var spec = app.Spec;
        var status = app.Status;
        var counts = status.Instances;
        Field(o, "Name", app.Metadata.Name);
        Field(o, "Labels", Pairs(app.Metadata.Labels));
        Field(o, "Annotations", Pairs(app.Metadata.Annotations));
        Field(o, "Created", $"{app.Metadata.CreationTimestamp:u} ({Age.Since(app.Metadata.CreationTimestamp, now)} ago)");
        Field(o, "Generation", $"{app.Metadata.Generation} (observed {status.ObservedGeneration})");
        Field(o, "Status", Tables.StatusOf(status));
        Field(o, "Command", spec.Cmd ?? (spec.Args is { Count: > 0 } args ? string.Join(' ', args) : "<the image's default>"));
        if (spec.Container is { Type: ContainerType.Docker, Docker: { } docker } container)
        {
            Field(o, "Container", $"DOCKER {docker.Image}{(docker.ForcePullImage ? " (always pulled)" : "")}, network {Network(spec)}"
                + string.Concat((container.PortMappings ?? []).Select(m => $", {(m.HostPort == 0 ? "any" : m.HostPort.ToString(CultureInfo.InvariantCulture))}->{m.ContainerPort}/{m.Protocol}"))
                + string.Concat((container.Volumes ?? []).Select(v => $", {v.HostPath}:{v.ContainerPath}:{(v.Mode == VolumeMode.ReadOnly ? "ro" : "rw")}")));
        }

        Field(o, "Resources", Tables.Describe(spec.ScalarResources, spec.UsesPortMappings ? spec.Container?.PortMappings?.Count ?? 0 : spec.PortDefinitions?.Count ?? 0));
        Field(o, "Instances", $"{counts.Desired} desired | {counts.Healthy} healthy | {counts.Running} running | {counts.Staged} starting"
            + $" | {counts.Scheduled} waiting | {counts.Old} old | {counts.Stopping} stopping");
        Field(o, "Backoff", string.Create(CultureInfo.InvariantCulture, $"{spec.BackoffSeconds} s x {spec.BackoffFactor} up to {spec.MaxLaunchDelaySeconds} s; ")
            + (status.Backoff is { } b
                ? string.Create(CultureInfo.InvariantCulture, $"{b.Failures} failures, current delay {b.DelaySeconds:0.###} s, next launch in {Age.Of(b.Until - now)}")
                : "not backing off"));
        if (status.PendingReason is { } pending)
        {
            Field(o, "Waiting", pending);
        }

        if (status.LastFailure is { } failure)
        {
            Field(o, "Last failure", $"{failure.State}{(failure.ExitCode is { } code ? $", exit code {code}" : "")} at {failure.At:u} ({Age.Since(failure.At, now)} ago)");
            Field(o, "", $"instance {failure.InstanceId}{(failure.Message is { } m ? $": {m}" : "")}");
            foreach (var line in (failure.StderrTail ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Field(o, "", "stderr | " + line);
            }
        }

        if (spec.HealthChecks is { Count: > 0 } checks)
        {
            Field(o, "Health checks", string.Join("; ", checks.Select(h => $"{h.Protocol} {(h.Kind == "COMMAND" ? h.Command?.Value : h.Kind == "TCP" ? $"port {h.PortIndex}" : h.Path)} every {h.IntervalSeconds} s, grace {h.GracePeriodSeconds} s, kill after {h.MaxConsecutiveFailures} failures")));
        }

        if (spec.Constraints is { Count: > 0 } constraints)
        {
            Field(o, "Constraints", string.Join(", ", constraints.Select(c => "[" + string.Join(", ", c) + "]")));
        }

        if (status.Deployment is { } deployment)
        {
            Field(o, "Deployment", $"{deployment.Id}: {deployment.Kind} to generation {deployment.Generation}, {deployment.Phase}, step {deployment.CurrentStep} of {deployment.Steps.Count} ({string.Join(", ", deployment.Steps)})");
            Field(o, "", $"{deployment.Message}; started {Age.Since(deployment.StartedAt, now)} ago{(deployment.DeadlineAt is { } d ? $", deadline in {Age.Of(d - now)}" : "")}");
            if (deployment.Stalled is { } stalled)
            {
                Field(o, "", "not progressing: " + stalled);
            }
        }

        o.WriteLine("Conditions:");
        var conditions = new Table("  TYPE", "STATUS", "REASON", "MESSAGE");
        foreach (var c in status.Conditions)
        {
            conditions.Add("  " + c.Type, c.Status, c.Reason, c.Message);
        }

        conditions.Write(o);
        o.WriteLine("Instances:");
        if (tasks.Count == 0)
        {
            o.WriteLine("  <none>");
        }

        var instances = new Table("  TASK", "STATE", "HOST", "PORTS", "AGE", "GEN", "HEALTH", "LAST CHECK");
        foreach (var t in tasks)
        {
            var health = t.Healthy switch { true => "healthy", false => "unhealthy", null => "-" } + (t.Ready == false ? ", not ready" : "");
            instances.Add("  " + t.TaskId, t.State + (t.StopRequested ? " (stopping)" : ""), t.Hostname ?? "-", t.Ports.Count == 0 ? "-" : string.Join(',', t.Ports),
                Age.Since(t.StartedAt ?? t.CreatedAt, now), t.ConfigGeneration.ToString(CultureInfo.InvariantCulture), health, t.LastCheck ?? "-");
        }

        instances.Write(o);
        o.WriteLine("Events:");
        if (events.Count == 0)
        {
            o.WriteLine("  <none>");
        }

        var eventTable = new Table("  AGE", "TYPE", "REASON", "MESSAGE");
        foreach (var e in events)
        {
            eventTable.Add("  " + Age.Since(e.At, now), e.Type, e.Reason, e.Message);
        }

        eventTable.Write(o);
    }

    private static string Network(AppSpec spec) => spec.Networks is [{ } network, ..]
        ? network.Mode switch { NetworkMode.ContainerBridge => "container/bridge", NetworkMode.Container => $"container {network.Name}", _ => "host" }
        : "host";

    private static void Field(TextWriter o, string name, string value) =>
        o.WriteLine($"{(name.Length == 0 ? "" : name + ":"),-14}{value}");

    private static string Pairs(IReadOnlyDictionary<string, string> pairs) =>
        pairs.Count == 0 ? "<none>" : string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}"));
}
