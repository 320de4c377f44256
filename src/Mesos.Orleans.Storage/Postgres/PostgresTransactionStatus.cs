using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// Settles a batch whose COMMIT reply was lost by asking the server, over a new connection, what became of its
/// transaction (<c>txid_status</c>, made for exactly this).
/// </summary>
internal static class PostgresTransactionStatus
{
    /// <summary>
    /// True when the transaction committed, false when it aborted; throws
    /// <see cref="PostgresCommitOutcomeUnknownException"/> when the server cannot tell in time.
    /// </summary>
    public static async Task<bool> CommittedAsync(
        NpgsqlDataSource dataSource, PostgresRetryPolicy retry, PostgresStoreOptions options, PostgresCommitInDoubtException doubt,
        CancellationToken cancellationToken)
    {
        for (var poll = 0; ; poll++)
        {
            string? status;
            try
            {
                status = await retry.RunAsync("commit status", ct => QueryAsync(dataSource, doubt.TransactionId, ct), cancellationToken)
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Not transient any more: retrying the batch now could apply it twice.
                throw Unknown(doubt, exception);
            }

            PostgresLog.CommitInDoubt(options.Logger, doubt.TransactionId, status ?? "unknown", doubt.InnerException!);
            switch (status)
            {
                case "committed":
                    return true;
                case "aborted":
                    return false;
            }

            // "in progress": the server has not yet noticed the old connection died. null: too old to know.
            if (status is null || poll >= options.MaxRetries)
            {
                throw Unknown(doubt, doubt.InnerException!);
            }

            await Task.Delay(options.RetryMaxDelay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The server's word on a transaction: committed, aborted, in progress, or null when too old.</summary>
    internal static async Task<string?> QueryAsync(NpgsqlDataSource dataSource, long transactionId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("SELECT txid_status($1)");
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = transactionId });
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
    }

    private static PostgresCommitOutcomeUnknownException Unknown(PostgresCommitInDoubtException doubt, Exception cause) =>
        new($"The connection failed while committing transaction {doubt.TransactionId} and the server could not say whether " +
            "it committed; the batch is applied entirely or not at all: re-read the state.", cause);
}
