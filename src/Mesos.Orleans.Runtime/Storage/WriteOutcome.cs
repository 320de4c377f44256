namespace Mesos.Orleans.Runtime.Storage;

/// <summary>
/// What became of one <see cref="StateWrite"/> in a batch. On a version conflict the write was not applied and
/// <see cref="CurrentVersion"/> holds the version the store has (0 when the row does not exist).
/// </summary>
public readonly record struct WriteOutcome(bool Applied, long NewVersion, long CurrentVersion)
{
    /// <summary>An applied write, now at <paramref name="newVersion"/> (0 for a delete).</summary>
    public static WriteOutcome Success(long newVersion) => new(true, newVersion, newVersion);

    /// <summary>A write refused because the row is at <paramref name="currentVersion"/>.</summary>
    public static WriteOutcome Conflict(long currentVersion) => new(false, 0, currentVersion);
}
