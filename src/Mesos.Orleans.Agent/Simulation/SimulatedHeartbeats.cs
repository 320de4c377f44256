using System.Collections.Concurrent;
using Mesos.Orleans.Agent.Hosting;

namespace Mesos.Orleans.Agent.Simulation;

/// <summary>
/// Pings for many <see cref="SimulatedAgent"/>s as their own loops would: each agent once per heartbeat interval,
/// spread evenly over it (never all at once, which would bunch every agent's ping behind the same busy moment), and
/// an agent whose ping went unanswered again after <see cref="AgentOptions.UnansweredPingRetry"/>, as a real agent
/// does. One loop and no timer per agent.
/// </summary>
public static class SimulatedHeartbeats
{
    /// <summary>
    /// Runs until cancelled, in slices every <paramref name="tick"/>, each agent once per <paramref name="interval"/>
    /// (asked again at every round: the master names it when an agent registers); <paramref name="unanswered"/> hears,
    /// once per round, how many pings went unanswered in it (when any did).
    /// </summary>
    public static async Task RunAsync(
        IReadOnlyList<SimulatedAgent> agents, Func<TimeSpan> interval, TimeSpan tick, TimeProvider time, CancellationToken cancellationToken,
        Action<int>? unanswered = null)
    {
        var slices = Slices();
        var retries = new ConcurrentQueue<(SimulatedAgent Agent, DateTimeOffset Due)>();
        var failures = 0;
        using var timer = new PeriodicTimer(tick, time);
        var slice = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Not awaited: an agent whose ping is slow (it registers again) must not hold up the others' pings,
                // as independent agents' would not. An agent still busy with its last ping skips this one.
                for (var i = slice; i < agents.Count; i += slices)
                {
                    _ = PingAsync(agents[i]);
                }

                var now = time.GetUtcNow();
                while (retries.TryPeek(out var retry) && retry.Due <= now && retries.TryDequeue(out retry))
                {
                    _ = PingAsync(retry.Agent);
                }

                slice = (slice + 1) % slices;
                if (slice == 0)
                {
                    slices = Slices();
                    if (Interlocked.Exchange(ref failures, 0) is > 0 and var missed)
                    {
                        unanswered?.Invoke(missed);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }

        int Slices() => Math.Max(1, (int)(interval() / tick));

        // A ping that fails (no master for a moment, a restarted one still starting, one too busy to answer in time)
        // is one missed beat, as for a real agent, and must not end the loop: the agent tries again soon.
        async Task PingAsync(SimulatedAgent agent)
        {
            if (!agent.TryStartPing())
            {
                return;
            }

            try
            {
                await agent.PingAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                if (!cancellationToken.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                    retries.Enqueue((agent, time.GetUtcNow() + AgentOptions.UnansweredPingRetry));
                }
            }
            finally
            {
                agent.EndPing();
            }
        }
    }
}
