using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>The PostgreSQL engine's log messages.</summary>
internal static partial class PostgresLog
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "PostgreSQL {Operation} failed transiently (attempt {Attempt}); retrying in {DelayMs} ms")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, long delayMs, Exception exception);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning,
        Message = "The connection failed while committing transaction {TransactionId}; the server reports it {Status}")]
    public static partial void CommitInDoubt(ILogger logger, long transactionId, string status, Exception exception);
}
