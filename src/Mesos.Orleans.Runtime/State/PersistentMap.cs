using System.Collections;
using System.Diagnostics.CodeAnalysis;
using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.State;

/// <summary>A keyed state whose entries are rows of their own; only changed entries are written.</summary>
internal sealed class PersistentMap<T>(
    string grainType, string grainKey, string name, IGrainStateStore store, IStateSerializer serializer, Func<IPersistentFacet[], Task> write)
    : IPersistentMap<T>, IStateFacet where T : class
{
    private readonly Dictionary<string, T> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _versions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _changed = new(StringComparer.Ordinal);

    public string Name => name;

    public bool HasChanges => _changed.Count > 0;

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<T> Values => _values.Values;

    public T this[string key] => _values[key];

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out T value) => _values.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public void Set(string key, T value)
    {
        _values[key] = value;
        _changed.Add(key);
    }

    public bool Remove(string key)
    {
        if (!_values.Remove(key))
        {
            return false;
        }

        _changed.Add(key);
        return true;
    }

    public Task WriteStateAsync() => write([this]);

    public async Task LoadAsync(PreloadedRows? preloaded, CancellationToken cancellationToken)
    {
        _values.Clear();
        _versions.Clear();
        _changed.Clear();
        var rows = preloaded?.Entries(name) ?? await store.ReadEntriesAsync(grainType, grainKey, name, cancellationToken).ConfigureAwait(false);
        foreach (var row in rows)
        {
            _values[row.Address.EntryKey] = serializer.Deserialize<T>(row.Payload);
            _versions[row.Address.EntryKey] = row.Version;
        }
    }

    public IReadOnlyList<StateWrite> PendingWrites()
    {
        var writes = new List<StateWrite>(_changed.Count);
        foreach (var key in _changed)
        {
            var version = _versions.GetValueOrDefault(key);
            var address = new StateAddress(grainType, grainKey, name, key);
            if (_values.TryGetValue(key, out var value))
            {
                writes.Add(new StateWrite(address, version, serializer.Serialize(value)));
            }
            else if (version > 0)
            {
                writes.Add(new StateWrite(address, version, null));
            }
        }

        // Entries added and removed again between two writes need no row at all.
        _changed.RemoveWhere(k => !_values.ContainsKey(k) && _versions.GetValueOrDefault(k) == 0);
        return writes;
    }

    public bool Apply(IReadOnlyList<StateWrite> writes, IReadOnlyList<WriteOutcome> outcomes)
    {
        var consistent = true;
        for (int i = 0; i < writes.Count; i++)
        {
            var key = writes[i].Address.EntryKey;
            if (!outcomes[i].Applied)
            {
                consistent = false;
                continue;
            }

            _changed.Remove(key);
            if (writes[i].IsDelete)
            {
                _versions.Remove(key);
            }
            else
            {
                _versions[key] = outcomes[i].NewVersion;
            }
        }

        return consistent;
    }
}
