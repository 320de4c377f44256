using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.State;

/// <summary>A single-valued state stored as one row.</summary>
internal sealed class PersistentState<T>(StateAddress address, IGrainStateStore store, IStateSerializer serializer, Func<IPersistentFacet[], Task> write)
    : IPersistentState<T>, IStateFacet where T : class, new()
{
    private bool _clear;

    public string Name => address.StateName;

    public T State { get; set; } = new();

    public bool RecordExists => Version > 0;

    public long Version { get; private set; }

    public async Task LoadAsync(PreloadedRows? preloaded, CancellationToken cancellationToken)
    {
        var stored = preloaded is null
            ? await store.ReadAsync(address, cancellationToken).ConfigureAwait(false)
            : preloaded.Single(address.StateName);
        State = stored is null ? new T() : serializer.Deserialize<T>(stored.Payload);
        Version = stored?.Version ?? 0;
    }

    public Task WriteStateAsync() => write([this]);

    public async Task ClearStateAsync()
    {
        _clear = true;
        try
        {
            await write([this]).ConfigureAwait(false);
        }
        finally
        {
            _clear = false;
        }

        State = new T();
    }

    public IReadOnlyList<StateWrite> PendingWrites() =>
        _clear
            ? Version == 0 ? [] : [new StateWrite(address, Version, null)]
            : [new StateWrite(address, Version, serializer.Serialize(State))];

    public bool Apply(IReadOnlyList<StateWrite> writes, IReadOnlyList<WriteOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return true;
        }

        if (!outcomes[0].Applied)
        {
            return false;
        }

        Version = outcomes[0].NewVersion;
        return true;
    }
}
