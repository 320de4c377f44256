using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>Retry and batching settings for the PostgreSQL engine.</summary>
public sealed record PostgresStoreOptions
{
    /// <summary>
    /// How many times a read, a whole batch, or a lease operation is retried after a transient failure (connection
    /// lost, server restarting, deadlock). The defaults ride out a server restart of about ten seconds.
    /// </summary>
    public int MaxRetries { get; init; } = 10;

    /// <summary>The first backoff; each next one doubles, up to <see cref="RetryMaxDelay"/>, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest backoff between two attempts.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Statements per round trip when a large batch is sent (all of them inside the batch's one transaction).
    /// Bounds client and server buffers.
    /// </summary>
    public int MaxStatementsPerRoundTrip { get; init; } = 500;

    /// <summary>Where retries and unknown commit outcomes are reported.</summary>
    public ILogger Logger { get; init; } = NullLogger.Instance;
}
