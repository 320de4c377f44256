using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Agent.Simulation;

/// <summary>
/// An agent that runs nothing (Kubernetes' hollow node): it registers, re-registers and reports like a real one
/// over the same channel, and its tasks go RUNNING at once; a test or a benchmark can make tasks fail, or make the
/// agent forget them. Nothing on the master's side knows it is simulated.
/// </summary>
public sealed class SimulatedAgent(IMasterChannel master, string hostname, ResourceSet resources, TimeProvider time) : IAgentChannel
{
    private readonly ConcurrentDictionary<string, TaskLaunch> _running = new(StringComparer.Ordinal);

    /// <summary>Its attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The containerizers it claims.</summary>
    public IReadOnlyList<string> Containerizers { get; init; } = ["process", "docker"];

    /// <summary>Where the master reaches it: a URL over HTTP, or a name the test's channel factory knows.</summary>
    public string Endpoint { get; init; } = "simulated://" + hostname;

    /// <summary>Whether the tasks it starts from now on pass their health checks.</summary>
    public bool NewTasksHealthy { get; set; } = true;

    /// <summary>The id the master gave it.</summary>
    public string? AgentId { get; private set; }

    /// <summary>How often the master wants pings (from its last registration).</summary>
    public TimeSpan HeartbeatInterval { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>What it offers.</summary>
    public ResourceSet Resources => resources;

    /// <summary>Its hostname.</summary>
    public string Hostname => hostname;

    /// <summary>The tasks it runs.</summary>
    public IReadOnlyCollection<TaskLaunch> Running => [.. _running.Values];

    /// <summary>Registers, or registers again reporting every task it runs.</summary>
    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var reports = _running.Values.Select(t => new TaskReport(t, Update(t, TaskState.Running, null))).ToList();
        var response = await master.RegisterAsync(new RegisterAgentRequest
        {
            AgentId = AgentId,
            Hostname = hostname,
            Endpoint = Endpoint,
            Resources = resources,
            Attributes = Attributes,
            Containerizers = Containerizers,
            Tasks = reports,
        }, cancellationToken);
        AgentId = response.AgentId;
        HeartbeatInterval = response.HeartbeatInterval;

        // Tasks replaced while it was out of reach: killed, as a real agent does.
        foreach (var taskId in response.TasksToKill)
        {
            await KillAsync(new KillTaskRequest(taskId, 0), cancellationToken);
        }
    }

    /// <summary>Pings the master; registers again when it asks (it declared this agent unreachable, or restarted).</summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (AgentId is null || !(await master.HeartbeatAsync(new HeartbeatRequest(AgentId), cancellationToken)).Registered)
        {
            await RegisterAsync(cancellationToken);
        }
    }

    /// <inheritdoc />
    public Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken)
    {
        foreach (var task in request.Tasks)
        {
            _running[task.TaskId] = task;
        }

        // As a real agent does, the news comes separately from the launch call.
        _ = Task.Run(() => SendAsync(request.Tasks.Select(t => Update(t, TaskState.Running, null) with
        {
            // Simulated tasks pass (or fail) whatever checks they have, at once.
            Healthy = t.Checks.Any(c => !c.Readiness) ? NewTasksHealthy : null,
            CheckResult = t.Checks.Count > 0 ? $"simulated: {(NewTasksHealthy ? "healthy" : "unhealthy")}" : null,
            Ready = t.Checks.Any(c => c.Readiness) ? true : null,
        }).ToList()), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken) =>
        _running.TryRemove(request.TaskId, out var task) ? SendAsync([Update(task, TaskState.Killed, null)]) : Task.CompletedTask;

    /// <summary>Ends a task as if its process exited with <paramref name="exitCode"/>.</summary>
    public Task FailAsync(string taskId, int exitCode) =>
        _running.TryRemove(taskId, out var task) ? SendAsync([Update(task, exitCode == 0 ? TaskState.Finished : TaskState.Failed, exitCode)]) : Task.CompletedTask;

    /// <summary>Reports a task's health as <paramref name="healthy"/>.</summary>
    public Task SetHealthAsync(string taskId, bool healthy) =>
        _running.TryGetValue(taskId, out var task)
            ? SendAsync([Update(task, TaskState.Running, null) with { Healthy = healthy, CheckResult = healthy ? "simulated: healthy" : "simulated: unhealthy" }])
            : Task.CompletedTask;

    /// <summary>Forgets a task without a word, as an agent that lost its work directory would.</summary>
    public bool Forget(string taskId) => _running.TryRemove(taskId, out _);

    private TaskStatusUpdate Update(TaskLaunch task, TaskState state, int? exitCode) =>
        TaskStatusUpdate.Of(task.TaskId, task.FrameworkId, task.AppId, AgentId ?? "", state, time.GetUtcNow()) with
        {
            ExitCode = exitCode,
            Message = exitCode is { } code ? $"exited with code {code}" : null,
        };

    private async Task SendAsync(IReadOnlyList<TaskStatusUpdate> updates)
    {
        var pending = updates.ToList();
        while (pending.Count > 0)
        {
            var ack = await master.SendStatusUpdatesAsync(new StatusUpdateBatch(AgentId!, pending), CancellationToken.None);
            pending.RemoveAll(u => ack.Acknowledged.Contains(u.Uuid));
        }
    }
}
