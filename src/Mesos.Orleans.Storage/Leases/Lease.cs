namespace Mesos.Orleans.Storage.Leases;

/// <summary>
/// A named lease as the store granted it: who holds it, where to reach the holder, until when, and in which epoch.
/// </summary>
/// <param name="Name">The lease's name, e.g. <c>master-leader</c>.</param>
/// <param name="Holder">The id of the holder.</param>
/// <param name="HolderAddress">Where other nodes reach the holder (e.g. its API endpoint).</param>
/// <param name="Expiry">
/// When the lease runs out, on the store's clock (the database server's for PostgreSQL). Do not compare it with the
/// local clock; a holder should renew after a fraction of the TTL measured locally from when it sent the request.
/// </param>
/// <param name="Epoch">
/// The term number: 1 for the first holder, one more on every change of holder, unchanged by renewals. Use it to
/// fence writes from a former leader.
/// </param>
public sealed record Lease(string Name, string Holder, string HolderAddress, DateTimeOffset Expiry, long Epoch);
