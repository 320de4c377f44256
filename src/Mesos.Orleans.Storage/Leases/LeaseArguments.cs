namespace Mesos.Orleans.Storage.Leases;

/// <summary>Argument checks shared by the lease engines, so both refuse the same inputs.</summary>
internal static class LeaseArguments
{
    public static void CheckAcquire(string leaseName, string holderId, string holderAddress, TimeSpan ttl)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseName);
        // An empty holder marks a released lease in the table, so it cannot be a real holder.
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        ArgumentNullException.ThrowIfNull(holderAddress);
        if (ttl <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "A lease's TTL must be positive.");
        }
    }

    public static void CheckRelease(string leaseName, string holderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(leaseName);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
    }
}
