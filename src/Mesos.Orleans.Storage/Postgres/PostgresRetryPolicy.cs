using Microsoft.Extensions.Logging;
using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// Retries whole operations after transient failures with capped exponential backoff and jitter. An operation
/// passed here must be safe to run again: a read, or a transaction known not to have committed.
/// </summary>
internal sealed class PostgresRetryPolicy
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresStoreOptions _options;

    public PostgresRetryPolicy(NpgsqlDataSource dataSource, PostgresStoreOptions options)
    {
        if (options.MaxRetries < 0 || options.RetryBaseDelay < TimeSpan.Zero || options.RetryMaxDelay < options.RetryBaseDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Retry settings must be non-negative, with RetryMaxDelay >= RetryBaseDelay.");
        }

        _dataSource = dataSource;
        _options = options;
    }

    public async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> attempt, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await attempt(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (retry < _options.MaxRetries && IsTransient(exception) && !cancellationToken.IsCancellationRequested)
            {
                var delay = Backoff(retry);
                PostgresLog.Retrying(_options.Logger, operation, retry + 1, (long)delay.TotalMilliseconds, exception);
                if (IsConnectionLoss(exception))
                {
                    // After a server restart every idle pooled connection is dead too; drop them all at once
                    // instead of failing on each in turn.
                    _dataSource.Clear();
                }

                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>True for failures where running the same operation again may succeed.</summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        PostgresException postgres => postgres.IsTransient || IsConnectionLoss(postgres)
            || postgres.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected,
        NpgsqlException npgsql => npgsql.IsTransient,
        _ => false,
    };

    private static bool IsConnectionLoss(Exception exception) => exception switch
    {
        // Class 08: connection exceptions; 57P01-57P03: the server is shutting down, crashed, or still starting.
        PostgresException postgres => postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
            || postgres.SqlState is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException => true,
        _ => false,
    };

    private TimeSpan Backoff(int retry)
    {
        var exponential = _options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry, 20));
        var capped = Math.Min(exponential, _options.RetryMaxDelay.TotalMilliseconds);
        // Jitter in [50 %, 100 %] so many clients reconnecting after a restart do not arrive in step.
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() / 2)));
#pragma warning restore CA5394
    }
}
