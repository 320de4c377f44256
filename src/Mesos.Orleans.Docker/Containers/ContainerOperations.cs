using System.Globalization;
using System.Net;
using System.Runtime.CompilerServices;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Json;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>
/// The container endpoints: create, start, stop, kill, remove, inspect, list, wait, logs, stats. An unknown
/// container raises <see cref="DockerNotFoundException"/>.
/// </summary>
public sealed class ContainerOperations
{
    private readonly DockerTransport _transport;

    internal ContainerOperations(DockerTransport transport) => _transport = transport;

    /// <summary>Creates (but does not start) a container.</summary>
    /// <exception cref="DockerNotFoundException">The image is not present (pull it first).</exception>
    /// <exception cref="DockerConflictException">The name is in use.</exception>
    public Task<CreateContainerResponse> CreateAsync(CreateContainerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var query = new QueryBuilder().Add("name", request.Name);
        return _transport.SendJsonAsync(
            HttpMethod.Post,
            "containers/create" + query,
            DockerJsonContext.Default.CreateContainerResponse,
            cancellationToken,
            DockerTransport.JsonContent(request, DockerJsonContext.Default.CreateContainerRequest));
    }

    /// <summary>Starts a container; returns false when it was already running (the engine's 304), which is no error.</summary>
    public async Task<bool> StartAsync(string id, CancellationToken cancellationToken = default) =>
        await _transport.SendNoContentAsync(HttpMethod.Post, $"containers/{Escape(id)}/start", cancellationToken, HttpStatusCode.NotModified).ConfigureAwait(false)
            != HttpStatusCode.NotModified;

    /// <summary>
    /// Stops a container: sends its stop signal (SIGTERM unless configured otherwise), waits up to
    /// <paramref name="gracePeriod"/> (whole seconds, rounded up; null is the container's or engine's default of 10 s),
    /// then kills it. Completes when it has stopped; returns false when it was not running (the engine's 304).
    /// </summary>
    public async Task<bool> StopAsync(string id, TimeSpan? gracePeriod = null, CancellationToken cancellationToken = default)
    {
        long? seconds = gracePeriod is { } g ? (long)Math.Ceiling(Math.Max(0, g.TotalSeconds)) : null;
        var query = new QueryBuilder().Add("t", seconds);
        return await _transport.SendNoContentAsync(HttpMethod.Post, $"containers/{Escape(id)}/stop" + query, cancellationToken, HttpStatusCode.NotModified).ConfigureAwait(false)
            != HttpStatusCode.NotModified;
    }

    /// <summary>Sends <paramref name="signal"/> (a name like <c>SIGKILL</c>, <c>SIGTERM</c>, <c>SIGHUP</c> or a number) to a container.</summary>
    /// <exception cref="DockerConflictException">The container is not running.</exception>
    public Task KillAsync(string id, string signal = "SIGKILL", CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(signal);
        return _transport.SendNoContentAsync(HttpMethod.Post, $"containers/{Escape(id)}/kill" + new QueryBuilder().Add("signal", signal), cancellationToken);
    }

    /// <summary>
    /// Removes a container; with <paramref name="force"/> a running one is killed first, with
    /// <paramref name="removeVolumes"/> its anonymous volumes go too.
    /// </summary>
    /// <exception cref="DockerConflictException">The container runs and <paramref name="force"/> is false (or it is being removed).</exception>
    public Task RemoveAsync(string id, bool force = false, bool removeVolumes = false, CancellationToken cancellationToken = default) =>
        _transport.SendNoContentAsync(HttpMethod.Delete, $"containers/{Escape(id)}" + new QueryBuilder().Add("force", force).Add("v", removeVolumes), cancellationToken);

    /// <summary>Describes a container: its state (running, exit code, OOM kill…), configuration and network settings.</summary>
    public Task<ContainerInspect> InspectAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, $"containers/{Escape(id)}/json", DockerJsonContext.Default.ContainerInspect, cancellationToken);

    /// <summary>Lists containers matching <paramref name="filters"/> (e.g. <see cref="DockerFilters.Label"/>); with <paramref name="all"/> also stopped ones.</summary>
    public Task<IReadOnlyList<ContainerSummary>> ListAsync(DockerFilters? filters = null, bool all = true, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, "containers/json" + new QueryBuilder().Add("all", all).Add("filters", filters), DockerJsonContext.Default.IReadOnlyListContainerSummary, cancellationToken);

    /// <summary>Waits until <paramref name="condition"/> holds and returns the container's exit code.</summary>
    public Task<ContainerWaitResponse> WaitAsync(string id, WaitCondition condition = WaitCondition.NotRunning, CancellationToken cancellationToken = default)
    {
        var name = condition switch
        {
            WaitCondition.NotRunning => "not-running",
            WaitCondition.NextExit => "next-exit",
            WaitCondition.Removed => "removed",
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "Unknown wait condition"),
        };
        return _transport.SendJsonAsync(HttpMethod.Post, $"containers/{Escape(id)}/wait" + new QueryBuilder().Add("condition", name), DockerJsonContext.Default.ContainerWaitResponse, cancellationToken);
    }

    /// <summary>
    /// Reads a container's output, stdout and stderr told apart (for a TTY container, all of it as stdout). With
    /// <see cref="ContainerLogsParameters.Follow"/> the sequence runs until the container stops or the caller cancels.
    /// The container is inspected first to learn whether it has a TTY (then its output is not multiplexed).
    /// </summary>
    public async IAsyncEnumerable<LogFrame> GetLogsAsync(
        string id,
        ContainerLogsParameters? parameters = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        parameters ??= new ContainerLogsParameters();
        var container = await InspectAsync(id, cancellationToken).ConfigureAwait(false);
        var query = new QueryBuilder()
            .Add("stdout", parameters.Stdout)
            .Add("stderr", parameters.Stderr)
            .Add("follow", parameters.Follow)
            .Add("timestamps", parameters.Timestamps)
            .Add("tail", parameters.Tail?.ToString(CultureInfo.InvariantCulture) ?? "all")
            .Add("since", parameters.Since);
        using var response = await _transport.SendAsync(HttpMethod.Get, $"containers/{Escape(id)}/logs" + query, null, versioned: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var frame in LogStreamDecoder.ReadAsync(stream, multiplexed: !container.Config.Tty, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }
        }
    }

    /// <summary>Takes one sample of a container's CPU and memory use.</summary>
    public Task<ContainerStats> GetStatsAsync(string id, CancellationToken cancellationToken = default) =>
        _transport.SendJsonAsync(HttpMethod.Get, $"containers/{Escape(id)}/stats" + new QueryBuilder().Add("stream", false), DockerJsonContext.Default.ContainerStats, cancellationToken);

    private static string Escape(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        return Uri.EscapeDataString(id);
    }
}
