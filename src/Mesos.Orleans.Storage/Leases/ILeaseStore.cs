namespace Mesos.Orleans.Storage.Leases;

/// <summary>
/// Leader leases for masters, kept in the same database as grain state. Expiry is judged by the store's clock
/// (the database server's for PostgreSQL), never the caller's, so two callers with skewed clocks cannot both hold
/// a lease.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Creates or migrates the schema (the same migrations as the grain-state store). Safe to call from several processes at once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Acquires the lease for <paramref name="holderId"/> when it is free, expired, or already held by that holder
    /// (a renewal: expiry extended to now + <paramref name="ttl"/>, address updated, epoch unchanged; this holds even
    /// after expiry when nobody took the lease in between). A change of holder, or acquiring after a release,
    /// increments the epoch. Returns null when another holder has an unexpired lease.
    /// </summary>
    Task<Lease?> TryAcquireAsync(string leaseName, string holderId, string holderAddress, TimeSpan ttl, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the lease up at once so another holder can acquire it without waiting for expiry. Returns false when
    /// <paramref name="holderId"/> did not hold it (nothing changes then).
    /// </summary>
    Task<bool> ReleaseAsync(string leaseName, string holderId, CancellationToken cancellationToken);

    /// <summary>Reads the current lease, or null when nobody holds it (never taken, released or expired).</summary>
    Task<Lease?> ReadAsync(string leaseName, CancellationToken cancellationToken);
}
