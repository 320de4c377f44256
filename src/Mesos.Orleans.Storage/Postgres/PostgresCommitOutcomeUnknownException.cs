namespace Mesos.Orleans.Storage.Postgres;

/// <summary>
/// The connection failed while a batch was committing and the server could not tell, within the retry budget,
/// whether the transaction committed. The batch was applied entirely or not at all; re-read the state to know which.
/// </summary>
public sealed class PostgresCommitOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PostgresCommitOutcomeUnknownException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PostgresCommitOutcomeUnknownException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the failure that caused the doubt.</summary>
    public PostgresCommitOutcomeUnknownException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
