using System.Diagnostics;
using Mesos.Orleans.Agent.Checkpointing;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Health;
using Mesos.Orleans.Agent.StatusUpdates;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>
/// An agent: recovers what it ran before a restart (re-adopting live containers, reporting the ones that ended),
/// registers with the master, pings it, launches and kills tasks through its containerizers, and reports every
/// change of a task's state until the master acknowledges it.
/// </summary>
public sealed partial class AgentService : BackgroundService, IAgentChannel, ITaskLogs
{
    private readonly AgentOptions _options;
    private readonly IMasterChannel _master;
    private readonly IReadOnlyDictionary<string, IContainerizer> _containerizers;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly AgentCheckpoint _checkpoint;
    private readonly StatusUpdateManager _updates;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, RunningTask> _tasks = new(StringComparer.Ordinal);
    private readonly TaskCompletionSource _registered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile string? _agentId;
    private bool _registering; // under _lock: a registration's report is on its way, so launches are refused
    private TimeSpan _heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>Creates the agent.</summary>
    public AgentService(AgentOptions options, IMasterChannel master, IEnumerable<IContainerizer> containerizers, ILoggerFactory loggerFactory, TimeProvider time)
    {
        _options = options;
        _master = master;
        _containerizers = containerizers.ToDictionary(c => c.Kind, StringComparer.Ordinal);
        _logger = loggerFactory.CreateLogger<AgentService>();
        _time = time;
        _checkpoint = new AgentCheckpoint(options.WorkDirectory);
        _agentId = _checkpoint.ReadAgentId();
        Resources = options.Resources ?? MachineResources.Detect(options.WorkDirectory);
        _updates = new StatusUpdateManager(master, () => _agentId, OnAcknowledged, options.StatusRetryMax, _logger);
    }

    /// <summary>What the agent offers.</summary>
    public ResourceSet Resources { get; }

    /// <summary>The containerizers the agent has.</summary>
    public IReadOnlyCollection<string> Containerizers => _containerizers.Keys.ToList();

    /// <summary>Where containerizers keep their metadata.</summary>
    public string ContainersDirectory => _checkpoint.ContainersDirectory;

    /// <summary>Completes when the agent first registered with the master.</summary>
    public Task Registered => _registered.Task;

    /// <summary>The agent's id, once registered.</summary>
    public string? AgentId => _agentId;

    /// <summary>Tasks the agent holds that have not ended.</summary>
    public int RunningTaskCount
    {
        get
        {
            lock (_lock)
            {
                return _tasks.Values.Count(t => !t.Ended);
            }
        }
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        var sender = _updates.RunAsync(stoppingToken);
        await RegisterAsync(stoppingToken);
        var gc = _time.CreateTimer(_ => CollectSandboxes(), null, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        await using (gc.ConfigureAwait(false))
        {
            var answered = true;
            while (!stoppingToken.IsCancellationRequested)
            {
                await Delay(AgentOptions.NextPingAfter(_heartbeat, answered), stoppingToken);
                answered = await PingAsync(stoppingToken);
            }
        }

        await sender;
    }

    /// <inheritdoc />
    public async Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken)
    {
        var taken = new List<RunningTask>(request.Tasks.Count);
        var unrunnable = new List<TaskLaunch>();
        lock (_lock)
        {
            if (_registering)
            {
                throw new LaunchRefusedException($"agent {_options.Hostname} is registering");
            }

            foreach (var launch in request.Tasks)
            {
                if (!_containerizers.TryGetValue(launch.Containerizer, out var containerizer))
                {
                    unrunnable.Add(launch);
                    continue;
                }

                var task = new RunningTask(new TaskCheckpoint { Launch = launch }, containerizer);
                if (_tasks.TryAdd(launch.TaskId, task))
                {
                    taken.Add(task); // else a resent launch
                }
            }
        }

        foreach (var launch in unrunnable)
        {
            Report(launch, TaskState.Failed, TaskReasons.LaunchFailed,
                $"this agent has no {launch.Containerizer} containerizer (it has: {string.Join(", ", _containerizers.Keys)})");
        }

        foreach (var task in taken)
        {
            // On disk before it starts: a restarted agent then knows of it, started or not.
            _checkpoint.Write(task.Checkpoint);
            _ = Task.Run(() => StartAsync(task), CancellationToken.None);
        }

        await Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<Stream?> OpenLogAsync(string taskId, TaskLogStream stream, CancellationToken cancellationToken) =>
        Task.FromResult<Stream?>(OpenLog(taskId, stream));

    private FileStream? OpenLog(string taskId, TaskLogStream stream)
    {
        // SandboxOf refuses an id that could name a path outside the sandboxes (a slash, "..").
        var file = Path.Combine(_checkpoint.SandboxOf(taskId), stream == TaskLogStream.Stderr ? "stderr" : "stdout");
        try
        {
            return new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken)
    {
        RunningTask? task;
        lock (_lock)
        {
            _tasks.TryGetValue(request.TaskId, out task);
        }

        if (task is null)
        {
            LogKillUnknown(_logger, request.TaskId);
            return Task.CompletedTask;
        }

        if (task.Ended)
        {
            // The master asks about a task that ended: tell it again.
            if (task.Checkpoint.Status is { } last)
            {
                _updates.Enqueue(last);
            }

            return Task.CompletedTask;
        }

        _ = Task.Run(() => task.Containerizer.KillAsync(task.TaskId, TimeSpan.FromSeconds(request.GracePeriodSeconds), CancellationToken.None), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StartAsync(RunningTask task)
    {
        var launch = task.Checkpoint.Launch;
        var sandbox = _checkpoint.SandboxOf(launch.TaskId);
        using var activity = AgentTraces.StartTask(launch, _agentId);
        lock (task.Gate)
        {
            task.Checkpoint = task.Checkpoint with { TraceParent = Traces.Context(activity) };
        }

        try
        {
            Directory.CreateDirectory(sandbox);
            var environment = new Dictionary<string, string>(launch.Command.Environment)
            {
                ["MESOS_SANDBOX"] = sandbox,
                ["MESOS_AGENT_ID"] = _agentId ?? "",
            };
            var record = await task.Containerizer.LaunchAsync(new ContainerLaunch(launch.TaskId, launch, sandbox, environment), CancellationToken.None);
            var startedAt = _time.GetUtcNow();
            Report(task, Update(task, TaskState.Running) with
            {
                ContainerId = record.Data.GetValueOrDefault("pid") ?? record.Data.GetValueOrDefault("dockerId") ?? record.ContainerId,
            }, c => c with { Container = record, StartedAt = startedAt });
            Watch(task);
            StartChecks(task, sandbox, environment, startedAt);
        }
        catch (Exception e) when (e is ContainerLaunchException or IOException or UnauthorizedAccessException)
        {
            LogLaunchFailed(_logger, launch.TaskId, e.Message);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            End(task, TaskState.Failed, TaskReasons.LaunchFailed, $"the task could not be started: {e.Message}", null);
        }
    }

    private void Watch(RunningTask task) => _ = Task.Run(async () =>
    {
        try
        {
            var exit = await task.Containerizer.WaitAsync(task.TaskId, CancellationToken.None);
            task.Checker?.Dispose();
            if (task.KillReason is { } killedForHealth)
            {
                End(task, TaskState.Killed, TaskReasons.HealthCheckFailed, killedForHealth, exit);
            }
            else
            {
                End(task, StateOf(exit), ReasonOf(exit), exit.Message, exit);
            }

            await task.Containerizer.DestroyAsync(task.TaskId, CancellationToken.None);
        }
        catch (Exception e)
        {
            // Nobody awaits this watch: say why the task's end may go unreported instead of losing it silently.
            LogWatchFailed(_logger, task.TaskId, e);
        }
    });

    // The task's checks run next to it; changes of its health or readiness go to the master as RUNNING updates.
    private void StartChecks(RunningTask task, string sandbox, IReadOnlyDictionary<string, string> environment, DateTimeOffset startedAt)
    {
        var checks = task.Checkpoint.Launch.Checks;
        if (checks.Count == 0)
        {
            return;
        }

        task.Checker = new TaskChecker(
            checks.Select(c => (c, Probes.For(c, sandbox, environment))), startedAt, _time,
            change =>
            {
                if (change.Healthy is { } healthy)
                {
                    MesosMetrics.HealthCheckResults.Add(1, new KeyValuePair<string, object?>("result", healthy ? "healthy" : "unhealthy"));
                }

                if (!change.Quiet)
                {
                    Report(task, Update(task, TaskState.Running) with { Healthy = change.Healthy, Ready = change.Ready, CheckResult = change.Result });
                }
            },
            reason =>
            {
                task.KillReason = reason;
                LogUnhealthyKill(_logger, task.TaskId, reason);
                _ = task.Containerizer.KillAsync(task.TaskId, TimeSpan.FromSeconds(task.Checkpoint.Launch.KillGracePeriodSeconds), CancellationToken.None);
            });
        task.Checker.Start();
    }

    private static TaskState StateOf(ContainerExit exit) => exit.KilledOnRequest ? TaskState.Killed : exit.Succeeded ? TaskState.Finished : TaskState.Failed;

    private static string? ReasonOf(ContainerExit exit) => exit.OutOfMemory ? TaskReasons.MemoryLimit : exit.KilledOnRequest ? null : TaskReasons.CommandExited;

    private void End(RunningTask task, TaskState state, string? reason, string? message, ContainerExit? exit)
    {
        var endedAt = _time.GetUtcNow();
        Report(task, Update(task, state) with
        {
            Reason = reason,
            Message = message,
            ExitCode = exit?.ExitCode,
            Signal = exit?.Signal,
            StderrTail = StderrTail.Read(_checkpoint.SandboxOf(task.TaskId)),
        }, c => c with { EndedAt = endedAt });
    }

    private TaskStatusUpdate Update(RunningTask task, TaskState state)
    {
        var launch = task.Checkpoint.Launch;
        return TaskStatusUpdate.Of(launch.TaskId, launch.FrameworkId, launch.AppId, _agentId ?? "", state, _time.GetUtcNow());
    }

    /// <summary>
    /// Checkpoints the update (with <paramref name="alsoChange"/>'s change) and queues it for the master, in the order
    /// the task's updates are made. A terminal state is final: a check's result that lost the race with the task's
    /// end is dropped.
    /// </summary>
    private void Report(RunningTask task, TaskStatusUpdate update, Func<TaskCheckpoint, TaskCheckpoint>? alsoChange = null)
    {
        lock (task.Gate)
        {
            if (task.Checkpoint.Status?.State.IsTerminal() == true)
            {
                return;
            }

            update = AgentTraces.StatusUpdate(task, update);
            var changed = task.Checkpoint with { Status = update, Acknowledged = false };
            task.Checkpoint = alsoChange?.Invoke(changed) ?? changed;
            _checkpoint.Write(task.Checkpoint);
            _updates.Enqueue(update);
        }
    }

    private void Report(TaskLaunch launch, TaskState state, string reason, string message)
    {
        var task = new RunningTask(new TaskCheckpoint { Launch = launch }, _containerizers.Values.First());
        Report(task, Update(task, state) with { Reason = reason, Message = message });
    }

    private void OnAcknowledged(TaskStatusUpdate update)
    {
        RunningTask? task;
        lock (_lock)
        {
            _tasks.TryGetValue(update.TaskId, out task);
        }

        if (task is null)
        {
            return;
        }

        lock (task.Gate)
        {
            // Only the latest update's acknowledgement counts: one the task has moved past leaves the newer unacknowledged.
            if (task.Checkpoint.Status?.Uuid == update.Uuid && !task.Checkpoint.Acknowledged)
            {
                task.Checkpoint = task.Checkpoint with { Acknowledged = true };
                _checkpoint.Write(task.Checkpoint);
            }
        }
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _updates.Dispose();
        base.Dispose();
    }

    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        var checkpoints = _checkpoint.ReadTasks();
        foreach (var (kind, containerizer) in _containerizers)
        {
            var owned = checkpoints.Where(c => c.EndedAt is null && c.Container?.Kind == kind).Select(c => c.Container!).ToList();
            var recovered = await containerizer.RecoverAsync(owned, cancellationToken);
            foreach (var container in recovered)
            {
                var task = new RunningTask(checkpoints.Single(c => c.Launch.TaskId == container.Record.ContainerId), containerizer);
                Track(task);
                if (container.Running)
                {
                    Watch(task);
                    ResendUnacknowledged(task);
                    var launch = task.Checkpoint.Launch;
                    StartChecks(task, _checkpoint.SandboxOf(task.TaskId), launch.Command.Environment, task.Checkpoint.StartedAt ?? _time.GetUtcNow());
                }
                else
                {
                    var exit = container.Exit!;
                    End(task, StateOf(exit), ReasonOf(exit) ?? TaskReasons.CommandExited, exit.Message, exit);
                    await containerizer.DestroyAsync(task.TaskId, cancellationToken);
                }
            }
        }

        // Containers of a containerizer the agent no longer has (started again without it) cannot be watched.
        foreach (var checkpoint in checkpoints.Where(c => c.EndedAt is null && c.Container is { } r && !_containerizers.ContainsKey(r.Kind)))
        {
            var task = new RunningTask(checkpoint, _containerizers.Values.First());
            Track(task);
            End(task, TaskState.Failed, TaskReasons.AgentRestarted,
                $"the agent restarted without the {checkpoint.Container!.Kind} containerizer the task ran in (it has: {string.Join(", ", _containerizers.Keys)})", null);
        }

        foreach (var checkpoint in checkpoints.Where(c => c.EndedAt is not null || c.Container is null))
        {
            var task = new RunningTask(checkpoint, _containerizers.Values.First());
            Track(task);
            if (checkpoint.EndedAt is null)
            {
                End(task, TaskState.Failed, TaskReasons.AgentRestarted, "the agent restarted before the task started", null);
            }
            else
            {
                ResendUnacknowledged(task);
            }
        }

        LogRecovered(_logger, RunningTaskCount, checkpoints.Count);
    }

    private void Track(RunningTask task)
    {
        lock (_lock)
        {
            _tasks[task.TaskId] = task;
        }
    }

    private void ResendUnacknowledged(RunningTask task)
    {
        if (task.Checkpoint is { Acknowledged: false, Status: { } status })
        {
            _updates.Enqueue(status);
        }
    }

    private async Task RegisterAsync(CancellationToken stoppingToken)
    {
        var delay = TimeSpan.FromMilliseconds(250);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                RegisterAgentResponse response;
                try
                {
                    response = await _master.RegisterAsync(RegistrationRequest(), stoppingToken);
                }
                finally
                {
                    lock (_lock)
                    {
                        _registering = false;
                    }
                }

                _agentId = response.AgentId;
                _heartbeat = response.HeartbeatInterval;
                _checkpoint.WriteAgentId(response.AgentId);
                LogRegistered(_logger, response.AgentId, _options.Hostname);
                _registered.TrySetResult();
                _updates.Wake();
                await KillReplacedAsync(response.TasksToKill);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                LogRegisterFailed(_logger, delay.TotalSeconds, e.Message);
                await Delay(delay, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    // Tasks the master replaced while this agent was out of reach: their ends go to the master as any kill's do.
    private async Task KillReplacedAsync(IReadOnlyList<string> taskIds)
    {
        foreach (var taskId in taskIds)
        {
            RunningTask? task;
            lock (_lock)
            {
                _tasks.TryGetValue(taskId, out task);
            }

            LogKillReplaced(_logger, taskId);
            var grace = task?.Checkpoint.Launch.KillGracePeriodSeconds ?? 3;
            await KillAsync(new KillTaskRequest(taskId, grace), CancellationToken.None);
        }
    }

    // Every task not ended and acknowledged, those not started yet as STAGING. Launches are refused from here until
    // the master answers (RegisterAsync): the master takes a task this report does not name for one never launched.
    private RegisterAgentRequest RegistrationRequest()
    {
        List<TaskReport> reports;
        var now = _time.GetUtcNow();
        lock (_lock)
        {
            _registering = true;
            reports = _tasks.Values
                .Where(t => !(t.Ended && t.Checkpoint.Acknowledged))
                .Select(t => new TaskReport(t.Checkpoint.Launch, t.Checkpoint.Status is { } status
                    ? status with { AgentId = _agentId ?? status.AgentId }
                    : TaskStatusUpdate.Of(t.TaskId, t.Checkpoint.Launch.FrameworkId, t.Checkpoint.Launch.AppId, _agentId ?? "", TaskState.Staging, now)))
                .ToList();
        }

        return new RegisterAgentRequest
        {
            AgentId = _agentId,
            Hostname = _options.Hostname,
            Endpoint = _options.Endpoint,
            Resources = Resources,
            Attributes = _options.Attributes,
            Containerizers = [.. _containerizers.Keys],
            Tasks = reports,
        };
    }

    // False when no master answered.
    private async Task<bool> PingAsync(CancellationToken stoppingToken)
    {
        try
        {
            var answer = await _master.HeartbeatAsync(new HeartbeatRequest(_agentId!), stoppingToken);
            if (!answer.Registered)
            {
                await RegisterAsync(stoppingToken);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            LogPingFailed(_logger, e.Message);
            return false;
        }
    }

    private void CollectSandboxes()
    {
        var before = _time.GetUtcNow() - _options.SandboxGcDelay;
        List<RunningTask> old;
        lock (_lock)
        {
            old = _tasks.Values.Where(t => t.Checkpoint is { Acknowledged: true, EndedAt: { } ended } && ended < before).ToList();
            old.ForEach(t => _tasks.Remove(t.TaskId));
        }

        foreach (var task in old)
        {
            try
            {
                _checkpoint.Remove(task.TaskId);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // E.g. files a container wrote into its sandbox as another user; the next round tries again.
                LogSandboxNotRemoved(_logger, task.TaskId, e.Message);
                Track(task);
            }
        }
    }

    private async Task Delay(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, _time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered: {Running} tasks still running of {Total} checkpointed")]
    private static partial void LogRecovered(ILogger logger, int running, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered with the master as {AgentId} ({Hostname})")]
    private static partial void LogRegistered(ILogger logger, string agentId, string hostname);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Registration failed; retrying in {Delay} s: {Reason}")]
    private static partial void LogRegisterFailed(ILogger logger, double delay, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Killing task {TaskId}: the master replaced it while this agent was out of reach")]
    private static partial void LogKillReplaced(ILogger logger, string taskId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ping failed: {Reason}")]
    private static partial void LogPingFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} could not be launched: {Reason}")]
    private static partial void LogLaunchFailed(ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Watching task {TaskId} failed; its end may go unreported")]
    private static partial void LogWatchFailed(ILogger logger, string taskId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Task {TaskId} is {Reason}")]
    private static partial void LogUnhealthyKill(ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The sandbox of task {TaskId} could not be removed: {Reason}")]
    private static partial void LogSandboxNotRemoved(ILogger logger, string taskId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Kill of unknown task {TaskId} ignored")]
    private static partial void LogKillUnknown(ILogger logger, string taskId);
}
