using Mesos.Orleans.Contracts.Agents;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.StatusUpdates;

/// <summary>
/// Sends status updates to the master until each is acknowledged (at least once). Updates of one task go in
/// order — the next only after the one before was acknowledged — and the heads of all tasks' queues travel in
/// one batch. A failed send is retried with a doubling delay up to <c>StatusRetryMax</c>.
/// </summary>
internal sealed partial class StatusUpdateManager(
    IMasterChannel master, Func<string?> agentId, Action<TaskStatusUpdate> acknowledged, TimeSpan retryMax, ILogger logger) : IDisposable
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Queue<TaskStatusUpdate>> _queues = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _wake = new(0, 1);

    /// <summary>Updates not yet acknowledged.</summary>
    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _queues.Values.Sum(q => q.Count);
            }
        }
    }

    /// <summary>Queues an update for sending.</summary>
    public void Enqueue(TaskStatusUpdate update)
    {
        lock (_lock)
        {
            if (!_queues.TryGetValue(update.TaskId, out var queue))
            {
                _queues[update.TaskId] = queue = new Queue<TaskStatusUpdate>();
            }

            queue.Enqueue(update);
        }

        Wake();
    }

    /// <summary>Wakes the sender, e.g. after the agent registered.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    /// <summary>Sends until <paramref name="stopping"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var delay = FirstRetry;
        while (!stopping.IsCancellationRequested)
        {
            var batch = Heads();
            var id = agentId();
            if (batch.Count == 0 || id is null)
            {
                await WaitAsync(Timeout.InfiniteTimeSpan, stopping);
                continue;
            }

            try
            {
                var ack = await master.SendStatusUpdatesAsync(new StatusUpdateBatch(id, batch), stopping);
                Acknowledge(ack.Acknowledged);
                delay = FirstRetry;
                if (ack.Acknowledged.Count == 0)
                {
                    await WaitAsync(delay, stopping);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                LogSendFailed(logger, batch.Count, delay.TotalSeconds, e.Message);
                await WaitAsync(delay, stopping);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, retryMax.Ticks));
            }
        }
    }

    private List<TaskStatusUpdate> Heads()
    {
        lock (_lock)
        {
            return _queues.Values.Select(q => q.Peek()).ToList();
        }
    }

    private void Acknowledge(IReadOnlyList<Guid> uuids)
    {
        var done = new List<TaskStatusUpdate>();
        var set = uuids.ToHashSet();
        lock (_lock)
        {
            foreach (var (taskId, queue) in _queues.ToList())
            {
                if (set.Contains(queue.Peek().Uuid))
                {
                    done.Add(queue.Dequeue());
                    if (queue.Count == 0)
                    {
                        _queues.Remove(taskId);
                    }
                }
            }
        }

        done.ForEach(acknowledged);
    }

    private async Task WaitAsync(TimeSpan timeout, CancellationToken stopping)
    {
        try
        {
            await _wake.WaitAsync(timeout, stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <inheritdoc />
    public void Dispose() => _wake.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending {Count} status updates failed; retrying in {Delay} s: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, int count, double delay, string reason);
}
