using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Events;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>The one event stream: <c>die</c> and <c>oom</c> of this agent's containers, as they happen.</summary>
public sealed partial class DockerContainerizer
{
    private static readonly TimeSpan ReplayMargin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(5);

    private void EnsureEvents(string agentId)
    {
        lock (_gate)
        {
            if (_events is null && !_disposed)
            {
                // Replayed from a little before now: an end between this call and the stream's start is not missed.
                var since = _time.GetUtcNow() - ReplayMargin;
                _events = Task.Run(() => ListenAsync(agentId, since, _stopping.Token));
            }
        }
    }

    private async Task ListenAsync(string agentId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var filters = DockerFilters.Label(DockerLabels.AgentId, agentId).Add("type", "container").Add("event", "die").Add("event", "oom");
        var delay = TimeSpan.FromMilliseconds(100);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in _client.Events.StreamAsync(filters, since, null, cancellationToken).ConfigureAwait(false))
                {
                    since = e.Time;
                    delay = TimeSpan.FromMilliseconds(100);
                    OnEvent(e);
                }

                DockerContainerizerLog.EventsBroke(_logger, "the engine closed it", delay.TotalMilliseconds);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsEngineFailure(e) || e is System.Text.Json.JsonException)
            {
                DockerContainerizerLog.EventsBroke(_logger, e.Message, delay.TotalMilliseconds);
            }

            try
            {
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
            CatchUp();
        }
    }

    private void OnEvent(DockerEvent e)
    {
        if (e.Action != "die" || e.Actor.Attributes?.GetValueOrDefault(DockerLabels.TaskId) is not { } taskId)
        {
            return; // an oom is always followed by the die, and the inspect after it says OOMKilled
        }

        var container = Find(taskId);
        if (container is not null && (container.DockerId is null || container.DockerId == e.Actor.Id))
        {
            _ = EndAsync(container, e.ExitCode);
        }
    }

    // After the stream was down: the engine's account of every container whose end may have gone unheard.
    private void CatchUp()
    {
        List<DockerContainer> open;
        lock (_gate)
        {
            open = [.. _containers.Values.Where(c => c.Started && !c.Exited.IsCompleted)];
        }

        foreach (var container in open)
        {
            _ = EndIfStoppedAsync(container);
        }
    }

    private async Task EndIfStoppedAsync(DockerContainer container)
    {
        try
        {
            var inspect = await _client.Containers.InspectAsync(container.Reference, _stopping.Token).ConfigureAwait(false);
            if (inspect.State.Running || inspect.State.Restarting || inspect.State.Paused)
            {
                return;
            }
        }
        catch (Mesos.Orleans.Docker.Errors.DockerNotFoundException)
        {
        }
        catch (Exception e) when (IsEngineFailure(e) || e is OperationCanceledException)
        {
            return; // the engine is still away; the next reconnection looks again
        }

        await EndAsync(container, null).ConfigureAwait(false);
    }
}
