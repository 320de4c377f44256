using System.Runtime.CompilerServices;
using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.Tests;

/// <summary>
/// A store whose grain-type reads read every row first, then run <paramref name="beforeRow"/> with each row's index
/// before handing it out: a test holds the rows back (a gate) or breaks the stream part way (a throw).
/// </summary>
public sealed class SteppedReadStore(IGrainStateStore inner, Func<int, Task> beforeRow) : IGrainStateStore
{
    public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

    public Task<StoredState?> ReadAsync(StateAddress address, CancellationToken cancellationToken) => inner.ReadAsync(address, cancellationToken);

    public Task<IReadOnlyList<StoredState>> ReadEntriesAsync(string grainType, string grainKey, string stateName, CancellationToken cancellationToken) =>
        inner.ReadEntriesAsync(grainType, grainKey, stateName, cancellationToken);

    public async IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await inner.ReadGrainTypeAsync(grainType, cancellationToken).ToListAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            await beforeRow(i);
            yield return rows[i];
        }
    }

    public Task<IReadOnlyList<string>> ListGrainKeysAsync(string grainType, string stateName, CancellationToken cancellationToken) =>
        inner.ListGrainKeysAsync(grainType, stateName, cancellationToken);

    public Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken) =>
        inner.WriteAsync(writes, cancellationToken);
}
