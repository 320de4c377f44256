namespace Mesos.Orleans.Runtime;

/// <summary>A piece of grain state that can be written with the others of the same grain in one transaction.</summary>
public interface IPersistentFacet
{
    /// <summary>The facet's name within its grain.</summary>
    string Name { get; }
}

/// <summary>A grain's single-valued durable state, with the version it was read at (optimistic concurrency).</summary>
public interface IPersistentState<T> : IPersistentFacet where T : class, new()
{
    /// <summary>The state; a new <typeparamref name="T"/> when none was stored.</summary>
    T State { get; set; }

    /// <summary>True when the state exists in the store.</summary>
    bool RecordExists { get; }

    /// <summary>The stored version; 0 when none.</summary>
    long Version { get; }

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when the store moved on.</summary>
    Task WriteStateAsync();

    /// <summary>Deletes the state from the store and resets it to a new <typeparamref name="T"/>.</summary>
    Task ClearStateAsync();
}

/// <summary>
/// A grain's durable keyed map: each entry is a row of its own and only changed entries are written.
/// </summary>
public interface IPersistentMap<T> : IPersistentFacet, IReadOnlyDictionary<string, T> where T : class
{
    /// <summary>Sets an entry; it is written on the next write of this map.</summary>
    void Set(string key, T value);

    /// <summary>Removes an entry; the removal is written on the next write of this map.</summary>
    bool Remove(string key);

    /// <summary>True when some entries changed since the last write.</summary>
    bool HasChanges { get; }

    /// <summary>Writes the changed entries in one transaction.</summary>
    Task WriteStateAsync();
}
