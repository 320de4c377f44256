using System.Runtime.CompilerServices;
using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Testing.Storage;

namespace Mesos.Orleans.Runtime.Tests;

/// <summary>
/// A store whose grain-type reads read every row first, then run <paramref name="beforeRow"/> with each row's index
/// before handing it out: a test holds the rows back (a gate) or breaks the stream part way (a throw).
/// </summary>
public sealed class SteppedReadStore(IGrainStateStore inner, Func<int, Task> beforeRow) : ForwardingStore(inner)
{
    public override async IAsyncEnumerable<StoredState> ReadGrainTypeAsync(string grainType, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var rows = await base.ReadGrainTypeAsync(grainType, cancellationToken).ToListAsync(cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            await beforeRow(i);
            yield return rows[i];
        }
    }
}
