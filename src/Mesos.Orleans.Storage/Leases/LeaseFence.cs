namespace Mesos.Orleans.Storage.Leases;

/// <summary>
/// The term a leader writes under: a state store fenced with it commits a batch only while the lease still names
/// <paramref name="Holder"/> in <paramref name="Epoch"/>, checked inside the batch's own transaction, so a deposed
/// leader that has not noticed yet (paused, partitioned) cannot write over its successor.
/// </summary>
public sealed record LeaseFence(string LeaseName, string Holder, long Epoch);
