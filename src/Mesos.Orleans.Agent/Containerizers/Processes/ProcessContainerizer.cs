using System.Globalization;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;
using SystemProcess = System.Diagnostics.Process;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>
/// Runs tasks as plain processes (Mesos' "mesos" containerizer without isolation): each task runs under a small
/// shell wrapper in its own session and process group, with the sandbox as working directory and its output
/// appended to the sandbox's <c>stdout</c> and <c>stderr</c>.
/// </summary>
/// <remarks>
/// <para>Metadata lives in <c>&lt;root&gt;/&lt;containerId&gt;/</c>: the <c>pid</c> file (pid and start time) and the
/// <c>exit_status</c> file the wrapper writes when the task ends, which survives an agent restart.</para>
/// <para>Exits are seen at once: through the runtime's SIGCHLD handling for tasks this process started, and
/// through pidfds polled by one shared thread for tasks re-adopted after a restart.</para>
/// <para>Disposing releases the watcher and leaves every task running, as a dying agent would.</para>
/// </remarks>
public sealed partial class ProcessContainerizer : IContainerizer, IDisposable
{
    /// <summary>The <see cref="Kind"/> of this containerizer.</summary>
    public const string ContainerKind = "process";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the wrapper's pid (also its process group id).</summary>
    public const string PidKey = "pid";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the wrapper's start time, in clock ticks since boot.</summary>
    public const string StartTimeKey = "startTime";

    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, ProcessContainer> _containers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _launching = new(StringComparer.Ordinal);
    private readonly Lazy<PidfdWatcher> _watcher;
    private volatile bool _disposed;

    /// <summary>Creates the containerizer.</summary>
    /// <param name="rootDirectory">The directory it owns for container metadata, e.g. <c>&lt;work dir&gt;/containers/process</c>.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="timeProvider">Measures kill grace periods.</param>
    public ProcessContainerizer(string rootDirectory, ILogger logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(rootDirectory);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        RootDirectory = Path.GetFullPath(rootDirectory);
        _logger = logger;
        _timeProvider = timeProvider;
        _watcher = new Lazy<PidfdWatcher>(() => new PidfdWatcher(logger), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <inheritdoc />
    public string Kind => ContainerKind;

    /// <summary>The directory holding one metadata directory per container.</summary>
    public string RootDirectory { get; }

    /// <summary>The setsid program; found on the agent's PATH unless set (tests set a missing one).</summary>
    internal string SetsidPath { get; set; } = FindOnPath("setsid") ?? "/usr/bin/setsid";

    /// <inheritdoc />
    public Task<IReadOnlyList<RecoveredContainer>> RecoverAsync(IReadOnlyList<ContainerRecord> owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var results = new List<RecoveredContainer>();
        var ownedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in owned)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (string.Equals(record.Kind, Kind, StringComparison.Ordinal))
            {
                ownedIds.Add(record.ContainerId);
                results.Add(Recover(record));
            }
        }

        DestroyUnowned(ownedIds);
        return Task.FromResult<IReadOnlyList<RecoveredContainer>>(results);
    }

    /// <inheritdoc />
    public async Task<ContainerRecord> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var id = launch.ContainerId;
        if (!ContainerMetadata.IsValidContainerId(id))
        {
            throw new ContainerLaunchException($"Container id '{id}' cannot name a directory.");
        }

        if (!Directory.Exists(launch.SandboxDirectory))
        {
            throw new ContainerLaunchException($"Cannot launch container {id}: sandbox {launch.SandboxDirectory} does not exist.");
        }

        lock (_gate)
        {
            if (_containers.ContainsKey(id) || !_launching.Add(id))
            {
                throw new ContainerLaunchException($"Container {id} already exists.");
            }
        }

        using var activity = Sources.Containerizer.StartActivity("process start")
            ?.SetTag(TraceAttributes.ContainerId, id)
            .SetTag(TraceAttributes.ContainerRuntime, ContainerKind)
            .SetTag(TraceAttributes.TaskId, launch.Task.TaskId);
        try
        {
            var container = await ProcessLauncher.StartAsync(launch, new ContainerMetadata(RootDirectory, id), SetsidPath, Kind, cancellationToken)
                .ConfigureAwait(false);
            activity?.SetTag(TraceAttributes.ProcessPid, container.Pid).SetTag(TraceAttributes.ProcessExecutableName, "setsid");
            lock (_gate)
            {
                _containers[id] = container;
            }

            ProcessContainerizerLog.Launched(_logger, id, container.Pid);
            _ = WatchChildAsync(container, container.Child!);
            return container.Record;
        }
        finally
        {
            lock (_gate)
            {
                _launching.Remove(id);
            }
        }
    }

    /// <inheritdoc />
    public Task<ContainerExit> WaitAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = Find(containerId) ?? throw new InvalidOperationException($"Unknown process container {containerId}.");
        return container.Exited.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Idempotent: later calls wait for the kill already under way; an ended or unknown container returns at once.</remarks>
    public async Task KillAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var container = Find(containerId);
        if (container is null)
        {
            ProcessContainerizerLog.KillUnknown(_logger, containerId);
            return;
        }

        if (!container.HasExited)
        {
            // Not tied to the caller's token: once started, the kill goes on to SIGKILL even if nobody waits.
            await container.GetOrStartKill(c => KillSequenceAsync(c, gracePeriod)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    /// <remarks>A container still running is killed first (no grace period). The sandbox is left alone.</remarks>
    public async Task DestroyAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = Find(containerId);
        if (container is not null && !container.HasExited)
        {
            await container.GetOrStartKill(c => KillSequenceAsync(c, TimeSpan.Zero)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_gate)
        {
            _containers.Remove(containerId);
        }

        if (container?.Pidfd >= 0 && _watcher.IsValueCreated)
        {
            _watcher.Value.Unwatch(container.Pidfd);
        }

        container?.Child?.Dispose();
        if (ContainerMetadata.IsValidContainerId(containerId))
        {
            DeleteMetadata(new ContainerMetadata(RootDirectory, containerId), containerId);
        }
    }

    /// <summary>Stops the pidfd watcher. Tasks keep running; a new instance can recover them.</summary>
    public void Dispose()
    {
        _disposed = true;
        if (_watcher.IsValueCreated)
        {
            _watcher.Value.Dispose();
        }
    }

    private ProcessContainer? Find(string containerId)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        lock (_gate)
        {
            return _containers.GetValueOrDefault(containerId);
        }
    }

    private async Task KillSequenceAsync(ProcessContainer container, TimeSpan gracePeriod)
    {
        container.MarkKillRequested();
        Signal(container, NativeMethods.SIGTERM);
        if (gracePeriod > TimeSpan.Zero)
        {
            try
            {
                await container.Exited.WaitAsync(gracePeriod, _timeProvider).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
            }
        }

        if (!container.HasExited)
        {
            container.MarkEscalated();
            Signal(container, NativeMethods.SIGKILL);
        }

        await container.Exited.ConfigureAwait(false);
    }

    private void Signal(ProcessContainer container, int signal)
    {
        ProcessContainerizerLog.Signalling(_logger, container.Id, signal, container.Pid);
        _ = ProcessGroup.Signal(container.Pid, container.StartTime, signal);
    }

    private async Task WatchChildAsync(ProcessContainer container, SystemProcess child)
    {
        await child.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        var code = child.ExitCode;
        // .NET reports death by signal n as 128+n; the wrapper always records a status unless it was killed.
        var exit = container.Metadata.ReadExitStatus() is { } status ? ContainerExits.Exited(status, container.KillRequested)
            : code > 128 ? ContainerExits.Signalled(code - 128, container.KillRequested, container.Escalated)
            : ContainerExits.Exited(code, container.KillRequested);
        Finish(container, exit);
    }

    private void Finish(ProcessContainer container, ContainerExit exit)
    {
        ProcessGroup.KillLeftovers(container.Pid);
        if (container.TryComplete(exit))
        {
            ProcessContainerizerLog.Ended(_logger, container.Id, exit.Message);
        }
    }

    private void DeleteMetadata(ContainerMetadata metadata, string containerId)
    {
        try
        {
            metadata.Delete();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            ProcessContainerizerLog.MetadataNotRemoved(_logger, containerId, exception);
        }
    }

    private static string? FindOnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, program))
            .FirstOrDefault(File.Exists);
}
