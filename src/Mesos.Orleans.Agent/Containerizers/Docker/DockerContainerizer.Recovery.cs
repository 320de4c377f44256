using System.Globalization;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Errors;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>
/// Recovery after an agent restart: the engine lists this agent's containers (by label); the owned ones that run
/// are re-adopted, the owned ones that ended meanwhile are reported with the engine's account of their end, and
/// every other container of this agent is removed.
/// </summary>
public sealed partial class DockerContainerizer
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<RecoveredContainer>> RecoverAsync(IReadOnlyList<ContainerRecord> owned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owned);
        ObjectDisposedException.ThrowIf(_disposed, this);
        var mine = owned.Where(r => string.Equals(r.Kind, Kind, StringComparison.Ordinal)).ToList();
        var agentId = _agentId() ?? mine.Select(r => r.Data.GetValueOrDefault(AgentIdKey)).FirstOrDefault(id => id is not null);
        if (agentId is null)
        {
            return []; // an agent that never registered has never launched a container
        }

        // Listening first: a container that ends from now on is heard of, whether before or after it is inspected.
        var adoptedAt = _time.GetUtcNow();
        EnsureEvents(agentId);
        IReadOnlyList<ContainerSummary> listed;
        try
        {
            listed = await _client.Containers.ListAsync(DockerFilters.Label(DockerLabels.AgentId, agentId), all: true, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (IsEngineFailure(e))
        {
            throw new ContainerLaunchException($"Cannot recover Docker containers: {Describe(e)}", e);
        }

        var results = new List<RecoveredContainer>(mine.Count);
        var adopted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in mine)
        {
            var summary = Match(record, listed);
            if (summary is not null)
            {
                adopted.Add(summary.Id);
            }

            results.Add(await RecoverAsync(record, summary, adoptedAt, cancellationToken).ConfigureAwait(false));
        }

        foreach (var stranger in listed.Where(c => !adopted.Contains(c.Id) && !IsTracked(c.Id)))
        {
            DockerContainerizerLog.RemovingUnowned(_logger, stranger.Names is [var name, ..] ? name.TrimStart('/') : "?", stranger.Id);
            await RemoveQuietlyAsync(stranger.Labels?.GetValueOrDefault(DockerLabels.TaskId) ?? stranger.Id, stranger.Id).ConfigureAwait(false);
        }

        return results;
    }

    private async Task<RecoveredContainer> RecoverAsync(ContainerRecord record, ContainerSummary? summary, DateTimeOffset adoptedAt, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_containers.TryGetValue(record.ContainerId, out var known))
            {
                return new RecoveredContainer(record, known.Exited.IsCompleted ? known.Exited.Result : null);
            }
        }

        var memory = double.TryParse(record.Data.GetValueOrDefault(MemoryKey), NumberStyles.Float, CultureInfo.InvariantCulture, out var mb) ? mb : 0;
        var container = new DockerContainer(record.ContainerId, record.Data.GetValueOrDefault(NameKey) ?? record.ContainerId, record.SandboxDirectory, memory)
        {
            DockerId = summary?.Id,
            Started = true,
            AdoptedAt = adoptedAt,
        };
        var inspect = summary is null ? null : await InspectOrNullAsync(summary.Id, cancellationToken).ConfigureAwait(false);
        if (inspect is { State.Running: true })
        {
            container.LogCopy = CopyLogsAsync(container, follow: true);
            Track(container);
            DockerContainerizerLog.Readopted(_logger, container.TaskId, inspect.Id);

            // An end between the inspect and the tracking went unheard: look once more, now that it would be heard.
            _ = EndIfStoppedAsync(container);
            return new RecoveredContainer(record, null);
        }

        // Ended while nobody watched: its output to the sandbox, then its end as the engine recorded it. It is
        // tracked (for its destroy) already ended, so that a replayed die event changes nothing.
        container.TryBeginEnding();
        ContainerExit exit;
        if (inspect is null)
        {
            exit = DockerExits.Removed(null, killedOnRequest: false, whileAgentDown: true);
        }
        else
        {
            await CopyLogsAsync(container, follow: false).ConfigureAwait(false);
            exit = DockerExits.From(inspect.State, memory, killedOnRequest: false, whileAgentDown: true);
        }

        container.Complete(exit);
        Track(container);
        DockerContainerizerLog.RecoveredEnded(_logger, container.TaskId, exit.Message);
        return new RecoveredContainer(record, exit);
    }

    private async Task<ContainerInspect?> InspectOrNullAsync(string dockerId, CancellationToken cancellationToken)
    {
        try
        {
            return await _client.Containers.InspectAsync(dockerId, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerNotFoundException)
        {
            return null;
        }
    }

    private void Track(DockerContainer container)
    {
        lock (_gate)
        {
            _containers[container.TaskId] = container;
        }
    }

    // The engine's container for a record: by the id recorded at launch, else by the task's label.
    private static ContainerSummary? Match(ContainerRecord record, IReadOnlyList<ContainerSummary> listed) =>
        (record.Data.GetValueOrDefault(DockerIdKey) is { } id ? listed.FirstOrDefault(c => c.Id == id) : null)
        ?? listed.FirstOrDefault(c => c.Labels?.GetValueOrDefault(DockerLabels.TaskId) == record.ContainerId);

    private bool IsTracked(string dockerId)
    {
        lock (_gate)
        {
            return _containers.Values.Any(c => c.DockerId == dockerId);
        }
    }
}
