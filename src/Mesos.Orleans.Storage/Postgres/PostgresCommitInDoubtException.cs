using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// COMMIT was sent but its reply was lost. Carries the transaction's id, to ask the server what became of it, and
/// the outcomes to return if it committed.
/// </summary>
internal sealed class PostgresCommitInDoubtException : Exception
{
    public PostgresCommitInDoubtException(long transactionId, WriteOutcome[] outcomes, Exception innerException)
        : base($"The connection failed while committing transaction {transactionId}.", innerException)
    {
        TransactionId = transactionId;
        Outcomes = outcomes;
    }

    public long TransactionId { get; }

    public WriteOutcome[] Outcomes { get; }
}
