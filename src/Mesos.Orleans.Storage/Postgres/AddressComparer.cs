using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Storage.Postgres;

/// <summary>Orders addresses part by part, ordinally: the lock order every batch follows.</summary>
internal sealed class AddressComparer : IComparer<StateAddress>
{
    public static readonly AddressComparer Instance = new();

    public int Compare(StateAddress x, StateAddress y)
    {
        var result = string.CompareOrdinal(x.GrainType, y.GrainType);
        if (result == 0)
        {
            result = string.CompareOrdinal(x.GrainKey, y.GrainKey);
        }

        if (result == 0)
        {
            result = string.CompareOrdinal(x.StateName, y.StateName);
        }

        return result != 0 ? result : string.CompareOrdinal(x.EntryKey, y.EntryKey);
    }
}
