using System.Globalization;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>
/// Runs tasks as Docker containers (Mesos' docker containerizer): pulls the image when the engine lacks it (or
/// always, with <c>forcePullImage</c>), creates the container named and labelled after its task and agent, starts
/// it, and copies its output into the sandbox's <c>stdout</c> and <c>stderr</c> while it runs.
/// </summary>
/// <remarks>
/// <para>Ends are seen at once through one event stream of the engine for the whole containerizer (<c>die</c> and
/// <c>oom</c> of this agent's containers), then the container is inspected for its exit code and OOM kill. The
/// stream resumes from its last event when it breaks, and every tracked container is inspected again then.</para>
/// <para>The engine never restarts a container (restart policy none): the agent reports the end and the app
/// decides. Containers outlive the agent; a restarted agent re-adopts its own (<see cref="RecoverAsync"/>).</para>
/// <para>Disposing stops the event stream and the log copies and leaves every container running.</para>
/// </remarks>
public sealed partial class DockerContainerizer : IContainerizer, IDisposable
{
    /// <summary>The <see cref="Kind"/> of this containerizer.</summary>
    public const string ContainerKind = "docker";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the engine's container id.</summary>
    public const string DockerIdKey = "dockerId";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the container's name.</summary>
    public const string NameKey = "name";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the agent id the container is labelled with.</summary>
    public const string AgentIdKey = "agentId";

    /// <summary>The <see cref="ContainerRecord.Data"/> key of the memory limit in MB.</summary>
    public const string MemoryKey = "memMb";

    private const int SigkillExitCode = 137;
    private static readonly TimeSpan OomNoticeGrace = TimeSpan.FromMilliseconds(500);

    private readonly DockerClient _client;
    private readonly Func<string?> _agentId;
    private readonly DockerContainerizerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DockerContainer> _containers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task> _pulls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _events;
    private volatile bool _disposed;

    /// <summary>Creates the containerizer.</summary>
    /// <param name="client">The engine's client; the caller owns it.</param>
    /// <param name="agentId">This agent's id (null before its first registration); its containers carry it.</param>
    /// <param name="options">Settings.</param>
    /// <param name="logger">Where it logs.</param>
    /// <param name="time">The clock.</param>
    public DockerContainerizer(DockerClient client, Func<string?> agentId, DockerContainerizerOptions options, ILogger logger, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(agentId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _client = client;
        _agentId = agentId;
        _options = options;
        _logger = logger;
        _time = time;
    }

    /// <inheritdoc />
    public string Kind => ContainerKind;

    /// <inheritdoc />
    public async Task<ContainerRecord> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launch);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var task = launch.Task;
        var image = task.Container?.Image ?? throw new ContainerLaunchException($"Task {task.TaskId} has no Docker container to run.");
        var agentId = AgentIdOf(launch) ?? throw new ContainerLaunchException("The agent has no id yet: it must register before it launches Docker containers.");
        var request = DockerTaskTranslator.Translate(launch, agentId, _options);
        var container = new DockerContainer(launch.ContainerId, request.Name!, launch.SandboxDirectory, task.Resources.Mem);
        lock (_gate)
        {
            if (!_containers.TryAdd(container.TaskId, container))
            {
                throw new ContainerLaunchException($"Container {container.TaskId} already exists.");
            }
        }

        // Listening before the container exists: its end cannot happen before the stream sees it.
        EnsureEvents(agentId);
        using var activity = Sources.Containerizer.StartActivity("container start")
            ?.SetTag(TraceAttributes.ContainerName, container.Name)
            .SetTag(TraceAttributes.ContainerRuntime, ContainerKind)
            .SetTag(TraceAttributes.ContainerImageName, image)
            .SetTag(TraceAttributes.TaskId, task.TaskId);
        try
        {
            await EnsureImageAsync(image, task.Container.ForcePullImage, cancellationToken).ConfigureAwait(false);
            container.DockerId = await CreateAsync(request, cancellationToken).ConfigureAwait(false);
            await _client.Containers.StartAsync(container.DockerId, cancellationToken).ConfigureAwait(false);
            container.Started = true;
            activity?.SetTag(TraceAttributes.ContainerId, container.DockerId);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            activity?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, e.Message);
            Forget(container);
            container.Dispose();
            if (container.DockerId is { } created)
            {
                await RemoveQuietlyAsync(container.TaskId, created).ConfigureAwait(false);
            }

            throw new ContainerLaunchException(Describe(e), e);
        }

        container.LogCopy = CopyLogsAsync(container, follow: true);
        DockerContainerizerLog.Launched(_logger, container.TaskId, container.Name, container.DockerId);
        if (container.KillRequested)
        {
            _ = StopAsync(container, TimeSpan.Zero);
        }

        return Record(container, agentId);
    }

    /// <inheritdoc />
    public Task<ContainerExit> WaitAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = Find(containerId) ?? throw new InvalidOperationException($"Unknown Docker container {containerId}.");
        return container.Exited.WaitAsync(cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>The engine's stop: SIGTERM, SIGKILL after the grace period (whole seconds, rounded up). Returns once it ended.</remarks>
    public async Task KillAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken)
    {
        var container = Find(containerId);
        if (container is null || container.Exited.IsCompleted)
        {
            return;
        }

        container.KillRequested = true;
        if (container.DockerId is null)
        {
            return; // still being launched: the launch stops it once it runs
        }

        await StopAsync(container, gracePeriod).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Removes the container, killing it if it still runs. The sandbox (with its output) is left alone.</remarks>
    public async Task DestroyAsync(string containerId, CancellationToken cancellationToken)
    {
        var container = Find(containerId);
        if (container is null)
        {
            return;
        }

        // An ended container's output is in the sandbox already: its end is reported only after that.
        Forget(container);
        container.KillRequested |= !container.Exited.IsCompleted;
        container.StopLogCopy();
        await container.LogCopy.ConfigureAwait(false); // never throws: the copy logs its own failures
        container.Dispose();
        await RemoveQuietlyAsync(container.TaskId, container.Reference).ConfigureAwait(false);
    }

    /// <summary>Stops listening to the engine and copying logs. Containers keep running; a new instance can recover them.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _stopping.Cancel();
        lock (_gate)
        {
            foreach (var container in _containers.Values)
            {
                container.StopLogCopy();
            }
        }
    }

    private async Task StopAsync(DockerContainer container, TimeSpan gracePeriod)
    {
        DockerContainerizerLog.Stopping(_logger, container.TaskId, gracePeriod.TotalSeconds);
        try
        {
            await _client.Containers.StopAsync(container.Reference, gracePeriod, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            DockerContainerizerLog.EngineCallFailed(_logger, container.TaskId, e.Message);
        }

        // The die event ends it; should the stream be down, the engine's own account does.
        try
        {
            await container.Exited.WaitAsync(TimeSpan.FromSeconds(2), _time, _stopping.Token).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            await EndAsync(container, null).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task<string> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken)
    {
        try
        {
            return (await _client.Containers.CreateAsync(request, cancellationToken).ConfigureAwait(false)).Id;
        }
        catch (DockerConflictException)
        {
            // A container of this very task from a launch the agent did not record (it died in between): replace it.
            await _client.Containers.RemoveAsync(request.Name!, force: true, removeVolumes: true, cancellationToken).ConfigureAwait(false);
            return (await _client.Containers.CreateAsync(request, cancellationToken).ConfigureAwait(false)).Id;
        }
    }

    // One pull per image at a time, however many tasks wait for it.
    private async Task EnsureImageAsync(string image, bool forcePull, CancellationToken cancellationToken)
    {
        if (!forcePull && await _client.Images.InspectAsync(image, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        Task pull;
        lock (_gate)
        {
            if (!_pulls.TryGetValue(image, out pull!))
            {
                pull = PullAsync(image);
                _pulls[image] = pull;
            }
        }

        await pull.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task PullAsync(string image)
    {
        await Task.Yield();
        try
        {
            DockerContainerizerLog.Pulling(_logger, image);
            await _client.Images.PullAsync(image, null, _stopping.Token).ConfigureAwait(false);
        }
        finally
        {
            lock (_gate)
            {
                _pulls.Remove(image);
            }
        }
    }

    // Works out how the container ended (once, whoever asks first) and reports it once its output is in the sandbox.
    private async Task EndAsync(DockerContainer container, int? eventExitCode)
    {
        if (!container.TryBeginEnding())
        {
            return;
        }

        await DrainLogsAsync(container).ConfigureAwait(false);
        ContainerExit exit;
        try
        {
            var state = (await _client.Containers.InspectAsync(container.Reference, _stopping.Token).ConfigureAwait(false)).State;
            if (!state.OomKilled && state.ExitCode == SigkillExitCode && !container.KillRequested)
            {
                // The engine may handle the kernel's OOM notice after the exit it caused: a SIGKILL nobody asked for
                // is looked at once more, a moment later, before it is called anything but an OOM kill.
                await Task.Delay(OomNoticeGrace, _time, _stopping.Token).ConfigureAwait(false);
                state = (await _client.Containers.InspectAsync(container.Reference, _stopping.Token).ConfigureAwait(false)).State;
            }

            exit = DockerExits.From(state, container.MemoryMb, container.KillRequested, whileAgentDown: state.FinishedAt < container.AdoptedAt);
        }
        catch (DockerNotFoundException)
        {
            exit = DockerExits.Removed(eventExitCode, container.KillRequested, whileAgentDown: container.AdoptedAt is not null);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            DockerContainerizerLog.EngineCallFailed(_logger, container.TaskId, e.Message);
            exit = eventExitCode is { } code
                ? Processes.ContainerExits.Exited(code, container.KillRequested)
                : Processes.ContainerExits.Unknown(container.KillRequested, $"ended; exit status unknown (the engine did not say: {e.Message})");
        }

        container.Complete(exit);
        DockerContainerizerLog.Ended(_logger, container.TaskId, exit.Message);
    }

    private async Task DrainLogsAsync(DockerContainer container)
    {
        try
        {
            await container.LogCopy.WaitAsync(_options.LogDrainTimeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            container.StopLogCopy();
        }
    }

    private async Task RemoveQuietlyAsync(string containerId, string reference)
    {
        try
        {
            await _client.Containers.RemoveAsync(reference, force: true, removeVolumes: true, _stopping.Token).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
        }
        catch (Exception e) when (IsEngineFailure(e) || e is OperationCanceledException)
        {
            DockerContainerizerLog.EngineCallFailed(_logger, containerId, e.Message);
        }
    }

    private DockerContainer? Find(string containerId)
    {
        ArgumentNullException.ThrowIfNull(containerId);
        lock (_gate)
        {
            return _containers.GetValueOrDefault(containerId);
        }
    }

    private void Forget(DockerContainer container)
    {
        lock (_gate)
        {
            if (_containers.TryGetValue(container.TaskId, out var known) && ReferenceEquals(known, container))
            {
                _containers.Remove(container.TaskId);
            }
        }
    }

    private string? AgentIdOf(ContainerLaunch launch) =>
        launch.Environment.TryGetValue("MESOS_AGENT_ID", out var id) && !string.IsNullOrEmpty(id) ? id : _agentId();

    private static ContainerRecord Record(DockerContainer container, string agentId) => new(
        container.TaskId,
        ContainerKind,
        container.SandboxDirectory,
        new Dictionary<string, string>
        {
            [DockerIdKey] = container.DockerId!,
            [NameKey] = container.Name,
            [AgentIdKey] = agentId,
            [MemoryKey] = container.MemoryMb.ToString(CultureInfo.InvariantCulture),
        });

    private static bool IsEngineFailure(Exception e) => e is DockerException or HttpRequestException or IOException;

    // What the task's failure says: the engine's own words, without the HTTP wrapping.
    private static string Describe(Exception e) => e switch
    {
        DockerImagePullException pull => pull.Message,
        DockerApiException { EngineMessage.Length: > 0 } api => api.EngineMessage,
        _ => e.Message,
    };
}
