using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Testing.Storage;

namespace Mesos.Orleans.Runtime.Tests;

/// <summary>A store whose transactions take a while, as a disk's do, so that concurrent writes can pile up.</summary>
public sealed class SlowStore(IGrainStateStore inner, TimeSpan latency) : ForwardingStore(inner)
{
    private int _transactions;

    public int Transactions => Volatile.Read(ref _transactions);

    public override async Task<IReadOnlyList<WriteOutcome>> WriteAsync(IReadOnlyList<StateWrite> writes, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _transactions);
        await Task.Delay(latency, cancellationToken);
        return await base.WriteAsync(writes, cancellationToken);
    }
}
