namespace Mesos.Orleans.Testing;

/// <summary>Waits for a condition with a deadline, failing with what was expected and what was last seen.</summary>
public static class Eventually
{
    /// <summary>The default deadline: generous, because CI machines are slow, and only failures wait for it.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Polls <paramref name="probe"/> until <paramref name="done"/> holds for its value.</summary>
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string expectation, TimeSpan? timeout = null, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        T last = default!;
        Exception? lastError = null;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                last = await probe().ConfigureAwait(false);
                lastError = null;
                if (done(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException && !IsAssertion(e))
            {
                lastError = e; // a transient error (the server restarting, say): try again
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(20)).ConfigureAwait(false);
        }

        throw new TimeoutException($"expected {expectation} within {(timeout ?? DefaultTimeout).TotalSeconds} s; last seen: "
            + (lastError is not null ? $"error {lastError.GetType().Name}: {lastError.Message}" : Describe(last)));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds.</summary>
    public static Task Until(Func<bool> condition, string expectation, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), ok => ok, expectation, timeout);

    // An assertion that fails inside the probe is a finding, never something to retry.
    private static bool IsAssertion(Exception e) => e.GetType().FullName?.StartsWith("Xunit.Sdk.", StringComparison.Ordinal) == true;

    private static string Describe<T>(T value) => value switch
    {
        null => "null",
        System.Collections.IEnumerable e and not string => "[" + string.Join(", ", e.Cast<object?>()) + "]",
        _ => value.ToString() ?? "",
    };
}
