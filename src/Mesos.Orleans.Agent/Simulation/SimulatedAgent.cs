using System.Collections.Concurrent;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;

namespace Mesos.Orleans.Agent.Simulation;

/// <summary>
/// An agent that runs nothing (Kubernetes' hollow node): it registers, re-registers, pings and reports like a real
/// one over the same channel, and its tasks go RUNNING at once; a test or a benchmark can make tasks fail (each, or
/// a share of those it starts), make the agent forget them, or make it die. Nothing on the master's side knows it
/// is simulated.
/// </summary>
public sealed class SimulatedAgent(IMasterChannel master, string hostname, ResourceSet resources, TimeProvider time) : IAgentChannel
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);
    private readonly ConcurrentDictionary<string, TaskLaunch> _running = new(StringComparer.Ordinal);

    // Each running task's latest update, which a registration reports as a real agent's checkpoint does (same uuid).
    private readonly ConcurrentDictionary<string, TaskStatusUpdate> _latest = new(StringComparer.Ordinal);
    private readonly Lock _registrationLock = new();
    private readonly Lock _launchLock = new(); // a launch and a registration's report of the tasks never overlap
    private bool _registering;
    private Task _registration = Task.CompletedTask;
    private Random? _failures;
    private volatile bool _dead;
    private int _pinging;

    /// <summary>Its attributes.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The containerizers it claims.</summary>
    public IReadOnlyList<string> Containerizers { get; init; } = ["process", "docker"];

    /// <summary>Where the master reaches it: a URL over HTTP, or a name the test's channel factory knows.</summary>
    public string Endpoint { get; init; } = "simulated://" + hostname;

    /// <summary>Whether the tasks it starts from now on pass their health checks.</summary>
    public bool NewTasksHealthy { get; set; } = true;

    /// <summary>
    /// The share (0 to 1) of the tasks it starts from now on that fail at once (exit code 1) instead of running;
    /// which ones is drawn from a generator seeded by the hostname, so a run repeats.
    /// </summary>
    public double FailureShare { get; set; }

    /// <summary>Whether it died: it no longer pings, and the master cannot reach it.</summary>
    public bool IsDead => _dead;

    /// <summary>The id the master gave it.</summary>
    public string? AgentId { get; private set; }

    /// <summary>When its last registration was answered; null before the first.</summary>
    public DateTimeOffset? RegisteredAt { get; private set; }

    /// <summary>How often the master wants pings (from its last registration).</summary>
    public TimeSpan HeartbeatInterval { get; private set; } = TimeSpan.FromSeconds(5);

    /// <summary>What it offers.</summary>
    public ResourceSet Resources => resources;

    /// <summary>Its hostname.</summary>
    public string Hostname => hostname;

    /// <summary>The tasks it runs.</summary>
    public IReadOnlyCollection<TaskLaunch> Running => [.. _running.Values];

    /// <summary>
    /// Registers, or registers again reporting every task it runs. One registration at a time, as a real agent's:
    /// asked while one is under way (its ping found a new master), it waits for that one.
    /// </summary>
    public Task RegisterAsync(CancellationToken cancellationToken)
    {
        lock (_registrationLock)
        {
            if (_registration.IsCompleted)
            {
                _registration = RegisterOnceAsync(cancellationToken);
            }

            return _registration;
        }
    }

    private async Task RegisterOnceAsync(CancellationToken cancellationToken)
    {
        List<TaskReport> reports;
        lock (_launchLock)
        {
            _registering = true; // from now until the answer, launches are refused: the report cannot name them
            reports = [.. _running.Values.Select(t => new TaskReport(t, _latest.GetValueOrDefault(t.TaskId) ?? Update(t, TaskState.Running, null)))];
        }

        RegisterAgentResponse response;
        try
        {
            response = await master.RegisterAsync(new RegisterAgentRequest
            {
                AgentId = AgentId,
                Hostname = hostname,
                Endpoint = Endpoint,
                Resources = resources,
                Attributes = Attributes,
                Containerizers = Containerizers,
                Tasks = reports,
            }, cancellationToken);
        }
        finally
        {
            lock (_launchLock)
            {
                _registering = false;
            }
        }

        AgentId = response.AgentId;
        HeartbeatInterval = response.HeartbeatInterval;
        RegisteredAt = time.GetUtcNow();

        // Tasks replaced while it was out of reach: killed, as a real agent does.
        foreach (var taskId in response.TasksToKill)
        {
            await KillAsync(new KillTaskRequest(taskId, 0), cancellationToken);
        }
    }

    /// <summary>
    /// Pings the master, as a real agent does every <see cref="RegisterAgentResponse.HeartbeatInterval"/>: it registers
    /// first if it never did, and again when the master no longer knows it (it declared this agent unreachable, or a
    /// new master). A dead agent does nothing.
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        if (_dead)
        {
            return;
        }

        if (AgentId is not { } id || !(await master.HeartbeatAsync(new HeartbeatRequest(id), cancellationToken)).Registered)
        {
            await RegisterAsync(cancellationToken);
        }
    }

    /// <summary>Marks a ping of the heartbeat loop under way: false when the last one has not ended yet.</summary>
    internal bool TryStartPing() => Interlocked.Exchange(ref _pinging, 1) == 0;

    /// <summary>The heartbeat loop's ping ended.</summary>
    internal void EndPing() => Volatile.Write(ref _pinging, 0);

    /// <summary>Dies as a machine that lost power: no more pings or updates, and the master's calls fail.</summary>
    public void Die() => _dead = true;

    /// <inheritdoc />
    public Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken)
    {
        if (_dead)
        {
            return Task.FromException(new IOException($"agent {hostname} does not answer"));
        }

        lock (_launchLock)
        {
            return _registering
                ? Task.FromException(new LaunchRefusedException($"agent {hostname} is registering"))
                : Launch(request);
        }
    }

    private Task Launch(LaunchTasksRequest request)
    {
        var updates = new List<TaskStatusUpdate>(request.Tasks.Count);
        foreach (var task in request.Tasks)
        {
            if (FailureShare > 0 && NextFailureDraw() < FailureShare)
            {
                updates.Add(Update(task, TaskState.Failed, 1));
                continue;
            }

            _running[task.TaskId] = task;
            var running = Update(task, TaskState.Running, null) with
            {
                // Simulated tasks pass (or fail) whatever checks they have, at once.
                Healthy = task.Checks.Any(c => !c.Readiness) ? NewTasksHealthy : null,
                CheckResult = task.Checks.Count > 0 ? $"simulated: {(NewTasksHealthy ? "healthy" : "unhealthy")}" : null,
                Ready = task.Checks.Any(c => c.Readiness) ? true : null,
            };
            _latest[task.TaskId] = running;
            updates.Add(running);
        }

        // As a real agent does, the news comes separately from the launch call.
        _ = Task.Run(() => SendAsync(updates), CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken) =>
        _dead ? Task.FromException(new IOException($"agent {hostname} does not answer"))
        : Remove(request.TaskId) is { } task ? SendAsync([Update(task, TaskState.Killed, null)])
        : Task.CompletedTask;

    /// <summary>Ends a task as if its process exited with <paramref name="exitCode"/>.</summary>
    public Task FailAsync(string taskId, int exitCode) =>
        Remove(taskId) is { } task ? SendAsync([Update(task, exitCode == 0 ? TaskState.Finished : TaskState.Failed, exitCode)]) : Task.CompletedTask;

    /// <summary>Reports a task's health as <paramref name="healthy"/>.</summary>
    public Task SetHealthAsync(string taskId, bool healthy) =>
        _running.TryGetValue(taskId, out var task)
            ? SendAsync([_latest[taskId] = Update(task, TaskState.Running, null) with { Healthy = healthy, CheckResult = healthy ? "simulated: healthy" : "simulated: unhealthy" }])
            : Task.CompletedTask;

    /// <summary>Forgets a task without a word, as an agent that lost its work directory would.</summary>
    public bool Forget(string taskId) => Remove(taskId) is not null;

    private TaskLaunch? Remove(string taskId)
    {
        _latest.TryRemove(taskId, out _);
        return _running.TryRemove(taskId, out var task) ? task : null;
    }

    // The master's launch calls to one agent come one at a time (its grain's turns), so the generator is not shared.
    private double NextFailureDraw() => (_failures ??= new Random(StableHash(hostname))).NextDouble();

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private TaskStatusUpdate Update(TaskLaunch task, TaskState state, int? exitCode) =>
        TaskStatusUpdate.Of(task.TaskId, task.FrameworkId, task.AppId, AgentId ?? "", state, time.GetUtcNow()) with
        {
            ExitCode = exitCode,
            Message = exitCode is { } code ? $"exited with code {code}" : null,
        };

    // Until every update is acknowledged, as a real agent's status update manager does: what is not acknowledged (or
    // a send that fails — a master too busy to answer within its call timeout) is sent again after a doubling delay.
    private async Task SendAsync(IReadOnlyList<TaskStatusUpdate> updates)
    {
        var pending = updates.ToList();
        var delay = FirstRetry;
        while (pending.Count > 0 && !_dead)
        {
            try
            {
                var ack = await master.SendStatusUpdatesAsync(new StatusUpdateBatch(AgentId!, pending), CancellationToken.None);
                pending.RemoveAll(u => ack.Acknowledged.Contains(u.Uuid));
                if (pending.Count == 0)
                {
                    return;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Sent again below.
            }

            await Task.Delay(delay, time);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LastRetry.Ticks));
        }
    }
}
