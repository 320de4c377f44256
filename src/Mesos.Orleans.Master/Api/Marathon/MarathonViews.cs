using System.Text.Json;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Turns the read model's snapshots into Marathon's objects.</summary>
internal static class MarathonViews
{
    /// <summary>An app's definition as Marathon's <c>App</c> fields: the spec, id and labels included.</summary>
    public static Dictionary<string, JsonElement> Definition(AppSpec spec)
    {
        var element = JsonSerializer.SerializeToElement(spec, Json.Options);
        return element.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal);
    }

    /// <summary>An app with what <paramref name="embed"/> asks for.</summary>
    public static MarathonApp App(AppSnapshot app, IReadOnlyCollection<InstanceSnapshot> instances, MarathonEmbed embed)
    {
        var running = instances.Where(i => i.State == TaskStateNames.Running).ToList();
        var counts = embed.HasFlag(MarathonEmbed.Counts);
        return new MarathonApp
        {
            Definition = Definition(app.Definition.Spec),
            Version = app.UpdatedAt,
            VersionInfo = new MarathonVersionInfo(app.UpdatedAt, ConfigVersion(app)),
            TasksStaged = counts ? instances.Count(i => i.State is TaskStateNames.Staging or TaskStateNames.Starting) : null,
            TasksRunning = counts ? running.Count : null,
            TasksHealthy = counts ? running.Count(i => i.Healthy == true) : null,
            TasksUnhealthy = counts ? running.Count(i => i.Healthy == false) : null,
            Deployments = embed.HasFlag(MarathonEmbed.Deployments)
                ? app.Status.Deployment is { FinishedAt: null } d ? [new MarathonDeploymentId(d.Id)] : []
                : null,
            Tasks = embed.HasFlag(MarathonEmbed.Tasks) ? Tasks(instances, app) : null,
            LastTaskFailure = embed.HasFlag(MarathonEmbed.LastTaskFailure) ? Failure(app) : null,
        };
    }

    /// <summary>When the config the app's current instances run began.</summary>
    public static DateTimeOffset ConfigVersion(AppSnapshot app) => app.ConfigChangedAt ?? app.UpdatedAt;

    /// <summary>The version an instance runs: known for the current config; older ones were not recorded.</summary>
    public static DateTimeOffset? InstanceVersion(InstanceSnapshot instance, AppSnapshot? app) =>
        app is not null && instance.ConfigGeneration == app.ConfigGeneration ? ConfigVersion(app) : null;

    /// <summary>The instances that have a task (those waiting for an offer have none yet), as tasks.</summary>
    public static List<MarathonTask> Tasks(IEnumerable<InstanceSnapshot> instances, AppSnapshot? app) =>
        instances.Where(i => i.State != InstanceSnapshot.ScheduledState).Select(i => Task(i, app)).ToList();

    /// <summary>One instance's task. Like Marathon, an ended task shows no ports, times or version.</summary>
    public static MarathonTask Task(InstanceSnapshot instance, AppSnapshot? app)
    {
        var active = !TaskStates.TryParse(instance.State, out var state) || !state.IsTerminal();
        return new MarathonTask
        {
            Id = instance.TaskId,
            AppId = instance.App.Path,
            Host = instance.Hostname ?? "",
            Ports = active ? instance.Ports : [],
            SlaveId = instance.AgentId,
            State = instance.State,
            StagedAt = active ? instance.StagedAt : null,
            StartedAt = active ? instance.StartedAt : null,
            Version = active ? InstanceVersion(instance, app) : null,
            HealthCheckResults = instance.Healthy is { } alive ? [new MarathonHealth(instance.InstanceId, alive, alive ? 0 : 1)] : null,
        };
    }

    /// <summary>The app's last failure. The host is not recorded with it, so it is empty.</summary>
    public static MarathonTaskFailure? Failure(AppSnapshot app) => app.Status.LastFailure is not { } failure ? null : new MarathonTaskFailure
    {
        AppId = app.Id.Path,
        TaskId = failure.TaskId,
        State = failure.State,
        Message = failure.Message ?? (failure.ExitCode is { } code ? $"exit code {code}" : failure.State),
        Host = "",
        Timestamp = failure.At,
        Version = ConfigVersion(app),
    };

    /// <summary>The app's deployment under way, or null.</summary>
    public static MarathonDeployment? Deployment(AppSnapshot app) =>
        app.Status.Deployment is { FinishedAt: null } d && !app.Deleting
            ? Deployment(d.Id, d.StartedAt, app.Id, ActionOf(app, d))
            : null;

    /// <summary>A one-step deployment of one action on one app.</summary>
    public static MarathonDeployment Deployment(string id, DateTimeOffset version, AppId app, string action) => new()
    {
        Id = id,
        Version = version,
        AffectedApps = [app.Path],
        Steps = [Step(app, action)],
        CurrentActions = [new MarathonDeploymentAction(action, app.Path, [])],
        CurrentStep = 1,
        TotalSteps = 1,
    };

    /// <summary>The plan of an app's deployment, as events carry it.</summary>
    public static MarathonDeploymentPlan Plan(AppSnapshot app, DeploymentStatus deployment) =>
        new(deployment.Id, [Step(app.Id, ActionOf(app, deployment))], deployment.StartedAt);

    /// <summary>The plan of a stop, as events carry it.</summary>
    public static MarathonDeploymentPlan Plan(StopDeployment stop) =>
        new(stop.Id, [Step(stop.App, MarathonDeploymentAction.Stop)], stop.Version);

    /// <summary>A step of one action.</summary>
    public static MarathonDeploymentStep Step(AppId app, string action) => new([new MarathonDeploymentAction(action, app.Path)]);

    /// <summary>
    /// What a deployment does: it started the app (it began with it), restarted its instances (it changed the config)
    /// or scaled it (it changed only the instance count).
    /// </summary>
    public static string ActionOf(AppSnapshot app, DeploymentStatus deployment) =>
        deployment.StartedAt == app.CreatedAt ? MarathonDeploymentAction.Start
        : deployment.Generation == app.ConfigGeneration ? MarathonDeploymentAction.Restart
        : MarathonDeploymentAction.Scale;

    /// <summary>Marathon's instance condition for a task state (<c>TASK_RUNNING</c> → <c>Running</c>).</summary>
    public static string Condition(string state) => state switch
    {
        InstanceSnapshot.ScheduledState => "Scheduled",
        TaskStateNames.Lost => "Gone", // here a lost task is final and replaced
        TaskStateNames.GoneByOperator => "Gone",
        _ when state.StartsWith("TASK_", StringComparison.Ordinal) =>
            string.Concat(state[5..].Split('_').Select(w => w[..1] + w[1..].ToLowerInvariant())),
        _ => state,
    };
}
