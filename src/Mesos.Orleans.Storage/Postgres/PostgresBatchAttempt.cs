using Mesos.Orleans.Runtime.Storage;
using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// One attempt at a batch: a transaction whose statements go out in <see cref="NpgsqlBatch"/>es (one round trip
/// per chunk). Each write is one conditional statement: an <c>INSERT … ON CONFLICT DO NOTHING</c> for a create,
/// an <c>UPDATE</c>/<c>DELETE</c> guarded by <c>version = expected</c> otherwise; a statement that returns no row
/// is a conflict, whose current version is read afterwards in the same transaction.
/// </summary>
internal static class PostgresBatchAttempt
{
    private const string AddressMatch = "grain_type = $1 AND grain_key = $2 AND state_name = $3 AND entry_key = $4";

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, state_name, entry_key, version, payload) " +
        "VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING RETURNING version";

    private const string UpdateSql =
        "UPDATE grain_state SET version = version + 1, payload = $5, updated_at = now() WHERE " + AddressMatch +
        " AND version = $6 RETURNING version";

    private const string DeleteSql = "DELETE FROM grain_state WHERE " + AddressMatch + " AND version = $5 RETURNING version";

    private const string VersionSql = "SELECT version FROM grain_state WHERE " + AddressMatch;

    /// <summary>
    /// Runs the batch and commits. A failure before COMMIT was sent means nothing was applied; a failure during
    /// COMMIT is thrown as <see cref="PostgresCommitInDoubtException"/> carrying what to answer if it did commit.
    /// </summary>
    public static async Task<WriteOutcome[]> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<StateWrite> writes, int statementsPerRoundTrip, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Rows are locked in one global order (by address) so two concurrent batches cannot deadlock; the sort is
        // stable, so writes to the same row keep their order and outcomes stay those of the batch as given.
        var order = Enumerable.Range(0, writes.Count)
            .OrderBy(i => writes[i].Address, AddressComparer.Instance)
            .ThenBy(i => i)
            .ToArray();

        var outcomes = new WriteOutcome[writes.Count];
        var conflicts = new List<int>();
        long transactionId = 0;
        for (var start = 0; start < order.Length; start += statementsPerRoundTrip)
        {
            var count = Math.Min(statementsPerRoundTrip, order.Length - start);
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (start == 0)
            {
                // The id lets a later connection ask whether this transaction committed if COMMIT's reply is lost.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT txid_current()"));
            }

            for (var k = start; k < start + count; k++)
            {
                batch.BatchCommands.Add(Statement(writes[order[k]]));
            }

            await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (start == 0)
            {
                await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                transactionId = reader.GetInt64(0);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            for (var k = start; k < start + count; k++)
            {
                var index = order[k];
                var write = writes[index];
                var hasRow = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                if (write.Payload is null && write.ExpectedVersion == 0)
                {
                    // The "must not exist" check of a delete: a row found is the conflict, with its version.
                    outcomes[index] = hasRow ? WriteOutcome.Conflict(reader.GetInt64(0)) : WriteOutcome.Success(0);
                }
                else if (hasRow)
                {
                    outcomes[index] = WriteOutcome.Success(write.Payload is null ? 0 : write.ExpectedVersion + 1);
                }
                else
                {
                    conflicts.Add(index);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await ReadConflictVersionsAsync(connection, transaction, writes, conflicts, outcomes, cancellationToken).ConfigureAwait(false);

        try
        {
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresRetryPolicy.IsTransient(exception))
        {
            throw new PostgresCommitInDoubtException(transactionId, outcomes, exception);
        }

        return outcomes;
    }

    /// <summary>
    /// Reads the versions that refused writes met. A separate statement sees rows committed by others while this
    /// transaction waited on their locks (READ COMMITTED), so the reported version is current, not the snapshot's.
    /// </summary>
    private static async Task ReadConflictVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StateWrite> writes, List<int> conflicts,
        WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        if (conflicts.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var index in conflicts)
        {
            var command = new NpgsqlBatchCommand(VersionSql);
            AddAddress(command, writes[index].Address);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var index in conflicts)
        {
            var version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(0) : 0;
            outcomes[index] = WriteOutcome.Conflict(version);
            await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlBatchCommand Statement(StateWrite write)
    {
        NpgsqlBatchCommand command;
        if (write.Payload is null)
        {
            command = new NpgsqlBatchCommand(write.ExpectedVersion == 0 ? VersionSql : DeleteSql);
            AddAddress(command, write.Address);
            if (write.ExpectedVersion != 0)
            {
                command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedVersion });
            }

            return command;
        }

        command = new NpgsqlBatchCommand(write.ExpectedVersion == 0 ? InsertSql : UpdateSql);
        AddAddress(command, write.Address);
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = write.Payload });
        if (write.ExpectedVersion != 0)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = write.ExpectedVersion });
        }

        return command;
    }

    internal static void AddAddress(NpgsqlBatchCommand command, StateAddress address)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.GrainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.GrainKey });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.StateName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = address.EntryKey });
    }
}
