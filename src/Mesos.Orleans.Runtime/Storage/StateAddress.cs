namespace Mesos.Orleans.Runtime.Storage;

/// <summary>
/// Where one row of grain state lives: a grain's type and key, the name of the state facet,
/// and, for keyed maps, the entry's key (empty for a single-valued state).
/// </summary>
public readonly record struct StateAddress(string GrainType, string GrainKey, string StateName, string EntryKey = "")
{
    /// <inheritdoc />
    public override string ToString() =>
        EntryKey.Length == 0 ? $"{GrainType}/{GrainKey}#{StateName}" : $"{GrainType}/{GrainKey}#{StateName}[{EntryKey}]";
}
