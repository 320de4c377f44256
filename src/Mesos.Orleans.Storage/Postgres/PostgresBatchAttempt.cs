using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Leases;
using Npgsql;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// One attempt at a batch: a transaction whose statements go out in <see cref="NpgsqlBatch"/>es (one round trip
/// per chunk). Each write is one statement: a conditional write (<c>INSERT … ON CONFLICT DO NOTHING</c> for a
/// create, <c>UPDATE</c>/<c>DELETE … WHERE version = expected</c> otherwise) whose result says whether it applied,
/// with, when it did not, the row's version as that statement saw it (earlier writes of the batch included).
/// </summary>
internal static class PostgresBatchAttempt
{
    private const string AddressMatch = "grain_type = $1 AND grain_key = $2 AND state_name = $3 AND entry_key = $4";

    // Each statement returns (applied, version): the written row, or else the row as the statement's snapshot has it.
    private const string Fallback =
        " SELECT true, version FROM written UNION ALL SELECT false, version FROM grain_state WHERE " + AddressMatch +
        " AND NOT EXISTS (SELECT FROM written)";

    private const string InsertSql =
        "WITH written AS (INSERT INTO grain_state (grain_type, grain_key, state_name, entry_key, version, payload) " +
        "VALUES ($1, $2, $3, $4, 1, $5) ON CONFLICT DO NOTHING RETURNING version)" + Fallback;

    private const string UpdateSql =
        "WITH written AS (UPDATE grain_state SET version = version + 1, payload = $5, updated_at = now() WHERE " + AddressMatch +
        " AND version = $6 RETURNING version)" + Fallback;

    private const string DeleteSql =
        "WITH written AS (DELETE FROM grain_state WHERE " + AddressMatch + " AND version = $5 RETURNING 0::bigint AS version)" + Fallback;

    private const string VersionSql = "SELECT false, version FROM grain_state WHERE " + AddressMatch;

    // FOR SHARE: a takeover of the lease (an UPDATE of its row) waits until this transaction ends, so a fenced batch
    // commits entirely before the next leader's term starts, or not at all.
    private const string FenceSql = "SELECT 1 FROM leases WHERE name = $1 AND holder = $2 AND epoch = $3 FOR SHARE";

    // Marks a refused write whose current version the statement could not see (see ReadOutcomeAsync).
    private static readonly WriteOutcome Unsettled = new(false, -1, -1);

    /// <summary>
    /// Runs the batch and commits. A failure before COMMIT was sent means nothing was applied; a failure during
    /// COMMIT is thrown as <see cref="PostgresCommitInDoubtException"/> carrying what to answer if it did commit.
    /// </summary>
    public static async Task<WriteOutcome[]> RunAsync(
        NpgsqlDataSource dataSource, IReadOnlyList<StateWrite> writes, int statementsPerRoundTrip, LeaseFence? fence, CancellationToken cancellationToken)
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
        var unsettled = new List<int>();
        long transactionId = 0;
        for (var start = 0; start < order.Length; start += statementsPerRoundTrip)
        {
            var count = Math.Min(statementsPerRoundTrip, order.Length - start);
            await using var batch = new NpgsqlBatch(connection, transaction);
            if (start == 0)
            {
                // The id lets a later connection ask whether this transaction committed if COMMIT's reply is lost.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT txid_current()"));
                if (fence is not null)
                {
                    var check = new NpgsqlBatchCommand(FenceSql);
                    check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.LeaseName });
                    check.Parameters.Add(new NpgsqlParameter<string> { TypedValue = fence.Holder });
                    check.Parameters.Add(new NpgsqlParameter<long> { TypedValue = fence.Epoch });
                    batch.BatchCommands.Add(check);
                }
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
                if (fence is not null)
                {
                    if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        throw new LeaseLostException(fence); // the transaction is rolled back as it is disposed
                    }

                    await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            for (var k = start; k < start + count; k++)
            {
                var index = order[k];
                outcomes[index] = await ReadOutcomeAsync(reader, writes[index], cancellationToken).ConfigureAwait(false);
                if (outcomes[index] == Unsettled)
                {
                    unsettled.Add(index);
                }

                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await ReadCurrentVersionsAsync(connection, transaction, writes, unsettled, outcomes, cancellationToken).ConfigureAwait(false);

        try
        {
            // Not cancellable: once COMMIT is on its way the caller must learn its outcome, not a cancellation.
            await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception) when (PostgresRetryPolicy.IsTransient(exception))
        {
            throw new PostgresCommitInDoubtException(transactionId, outcomes, exception);
        }

        return outcomes;
    }

    private static async Task<WriteOutcome> ReadOutcomeAsync(NpgsqlDataReader reader, StateWrite write, CancellationToken cancellationToken)
    {
        var found = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var applied = found && reader.GetBoolean(0);
        var version = found ? reader.GetInt64(1) : 0;
        if (write.Payload is null && write.ExpectedVersion == 0)
        {
            // The "must not exist" check of a delete: a row found is the conflict.
            return found ? WriteOutcome.Conflict(version) : WriteOutcome.Success(0);
        }

        if (applied)
        {
            return WriteOutcome.Success(version);
        }

        // Under READ COMMITTED a write that waited for another transaction's lock is checked against that
        // transaction's committed row, while the fallback SELECT still reads the statement's older snapshot. Then
        // the snapshot's version is the expected one (or, for a create, no row): not the cause of the refusal.
        var stale = write.ExpectedVersion == 0 ? !found : version == write.ExpectedVersion;
        return stale ? Unsettled : WriteOutcome.Conflict(version);
    }

    /// <summary>Reads, with a new snapshot, the versions that refused writes met but could not see (rare races).</summary>
    private static async Task ReadCurrentVersionsAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<StateWrite> writes, List<int> unsettled,
        WriteOutcome[] outcomes, CancellationToken cancellationToken)
    {
        if (unsettled.Count == 0)
        {
            return;
        }

        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var index in unsettled)
        {
            var command = new NpgsqlBatchCommand(VersionSql);
            AddAddress(command, writes[index].Address);
            batch.BatchCommands.Add(command);
        }

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        foreach (var index in unsettled)
        {
            var version = await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? reader.GetInt64(1) : 0;
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
