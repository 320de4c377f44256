using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Storage;

/// <summary>
/// Checks a batch before any engine touches it, so a malformed write fails the call up front instead of aborting
/// a transaction half-way (or, in SQLite's group commit, the batches that share its transaction).
/// </summary>
internal static class StateWriteValidation
{
    public static void Check(IReadOnlyList<StateWrite> writes)
    {
        ArgumentNullException.ThrowIfNull(writes);
        for (var i = 0; i < writes.Count; i++)
        {
            var write = writes[i] ?? throw new ArgumentException($"Write {i} is null.", nameof(writes));
            CheckAddress(write.Address, nameof(writes));
            if (write.ExpectedVersion < 0)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(writes), write.ExpectedVersion, $"Write {i} ({write.Address}) expects a negative version.");
            }
        }
    }

    public static void CheckAddress(StateAddress address, string parameterName)
    {
        if (address.GrainType is null || address.GrainKey is null || address.StateName is null || address.EntryKey is null)
        {
            throw new ArgumentException($"State address {address} has a null part.", parameterName);
        }

        // PostgreSQL text cannot hold NUL; refusing it everywhere keeps the engines interchangeable.
        if (address.GrainType.Contains('\0', StringComparison.Ordinal) || address.GrainKey.Contains('\0', StringComparison.Ordinal)
            || address.StateName.Contains('\0', StringComparison.Ordinal) || address.EntryKey.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArgumentException($"State address {address} contains a NUL character.", parameterName);
        }
    }
}
