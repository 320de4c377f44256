using Mesos.Orleans.Runtime.Hosting;

namespace Mesos.Orleans.Runtime.Proxies;

/// <summary>
/// Bounds how long a caller waits for a grain. A grain call that takes this long is a bug — most likely two grains
/// awaiting each other — so it fails loudly instead of hanging. The call itself is not cancelled.
/// </summary>
internal static class CallTimeout
{
    public static Task Apply(Task result, GrainId id, string method, TimeSpan timeout) =>
        result.IsCompleted || timeout == Timeout.InfiniteTimeSpan ? result : WaitAsync(result, id, method, timeout);

    public static Task<T> Apply<T>(Task<T> result, GrainId id, string method, TimeSpan timeout) =>
        result.IsCompleted || timeout == Timeout.InfiniteTimeSpan ? result : WaitAsync(result, id, method, timeout);

    private static async Task WaitAsync(Task result, GrainId id, string method, TimeSpan timeout)
    {
        try
        {
            await result.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw TimedOut(id, method, timeout);
        }
    }

    private static async Task<T> WaitAsync<T>(Task<T> result, GrainId id, string method, TimeSpan timeout)
    {
        try
        {
            return await result.WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw TimedOut(id, method, timeout);
        }
    }

    private static TimeoutException TimedOut(GrainId id, string method, TimeSpan timeout) =>
        new($"call to {id} {method} did not complete within {timeout.TotalSeconds:0.#} s");
}
