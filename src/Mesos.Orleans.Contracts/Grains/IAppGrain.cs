using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Contracts.Grains;

/// <summary>
/// One app (key: its id, <c>/team/web</c>): its spec and versions, its instances, its status, and the
/// reconciliation loop that keeps the instances as declared.
/// </summary>
public interface IAppGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the app; re-applying the same definition changes nothing.</summary>
    Task<ApplyOutcome> ApplyAsync(AppDefinition definition);

    /// <summary>The app as it stands, or null when there is no such app.</summary>
    Task<AppSnapshot?> GetAsync();

    /// <summary>Sets the number of instances; null when there is no such app.</summary>
    Task<AppSnapshot?> ScaleAsync(int instances);

    /// <summary>Deletes the app: its instances are killed, then it is gone. False when there is no such app.</summary>
    Task<bool> DeleteAsync();

    /// <summary>Every stored version of the app, newest first; empty when there is no such app.</summary>
    Task<IReadOnlyList<AppVersion>> GetVersionsAsync();

    /// <summary>
    /// Applies an earlier version's config (the newest one unlike the current config when <paramref name="toGeneration"/>
    /// is null) as a new deployment, keeping the current number of instances. Null when there is no such app.
    /// </summary>
    /// <exception cref="ArgumentException">There is no such version, or none to go back to.</exception>
    Task<ApplyOutcome?> RollbackAsync(long? toGeneration);

    /// <summary>Replaces every instance (same spec, new config generation), as a deployment. Null when there is no such app.</summary>
    Task<ApplyOutcome?> RestartAsync();

    /// <summary>
    /// Stops the deployment under way: by rolling back to where it started, or with <paramref name="force"/> by
    /// leaving the instances as they are. Null when there is no such app or no deployment under way.
    /// </summary>
    Task<DeploymentStatus?> CancelDeploymentAsync(bool force);

    /// <summary>
    /// Kills some of the app's tasks; they are replaced unless <paramref name="scale"/>, which lowers the instance count by
    /// as many as a deployment (one is started even when none of the tasks was the app's, as Marathon does). Returns the
    /// task ids that were the app's.
    /// </summary>
    Task<IReadOnlyList<string>> KillTasksAsync(IReadOnlyList<string> taskIds, bool scale);

    /// <summary>
    /// Ends the crash-loop backoff now, so waiting instances launch at once (Marathon's <c>DELETE /v2/queue/{id}/delay</c>).
    /// False when there is no such app.
    /// </summary>
    Task<bool> ResetDelayAsync();

    /// <summary>A task of this app changed state.</summary>
    [OneWay]
    Task OnTaskStatusAsync(TaskStatusUpdate update);

    /// <summary>
    /// What a known agent, registering again, says of this app's tasks on it. A report that tells the app nothing new
    /// is passed over; the others go to their task's grain, as the agent's word on the task.
    /// </summary>
    [OneWay]
    Task OnTasksReportedAsync(string agentId, string hostname, IReadOnlyList<TaskReport> reports);

    /// <summary>The framework placed an instance: its task, agent, host and ports.</summary>
    [OneWay]
    Task OnPlacedAsync(InstancePlacement placement);

    /// <summary>The framework could not place some instances; the reasons are by instance id.</summary>
    [OneWay]
    Task OnUnplacedAsync(IReadOnlyDictionary<string, string> reasons);

    /// <summary>Wakes the reconciliation loop.</summary>
    [OneWay]
    Task WakeAsync();
}

/// <summary>What applying a definition did.</summary>
public enum ApplyResult
{
    /// <summary>The app did not exist and was created.</summary>
    Created,

    /// <summary>The app's spec changed.</summary>
    Configured,

    /// <summary>The spec was the same; nothing changed.</summary>
    Unchanged,
}

/// <summary>The result of an apply: what it did and the app's generation after it.</summary>
public sealed record ApplyOutcome(ApplyResult Result, long Generation, string? DeploymentId);

/// <summary>Where the framework placed an instance, and the attributes of its agent (for constraints).</summary>
public sealed record InstancePlacement(string InstanceId, string TaskId, string AgentId, string Hostname, IReadOnlyList<long> HostPorts)
{
    /// <summary>The agent's attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}

/// <summary>A stored version of an app: the definition applied at a generation, and its config generation.</summary>
public sealed record AppVersion(long Generation, long ConfigGeneration, DateTimeOffset CreatedAt, AppDefinition Definition);
