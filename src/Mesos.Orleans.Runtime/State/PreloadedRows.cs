using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.State;

/// <summary>The stored rows of one grain, read ahead of its activation: its facets load from them, not from the store.</summary>
internal sealed class PreloadedRows
{
    private readonly Dictionary<string, List<StoredState>> _byState = new(StringComparer.Ordinal);

    public void Add(StoredState row)
    {
        if (!_byState.TryGetValue(row.Address.StateName, out var rows))
        {
            _byState[row.Address.StateName] = rows = [];
        }

        rows.Add(row);
    }

    public bool Has(string stateName) => _byState.ContainsKey(stateName);

    /// <summary>The row of a single-valued state, or null when it has none.</summary>
    public StoredState? Single(string stateName) =>
        _byState.TryGetValue(stateName, out var rows) ? rows.Find(r => r.Address.EntryKey.Length == 0) : null;

    /// <summary>The entries of a keyed state.</summary>
    public IReadOnlyList<StoredState> Entries(string stateName) => _byState.TryGetValue(stateName, out var rows) ? rows : [];
}
