using System.Collections.Concurrent;
using System.Threading.Channels;
using Mesos.Orleans.Runtime.State;
using Mesos.Orleans.Runtime.Storage;

namespace Mesos.Orleans.Runtime.Hosting;

public sealed partial class GrainRuntime
{
    /// <summary>
    /// Activates every stored grain of an interface's type that has the named state, from one query for all of the
    /// type's rows: they stream in a grain at a time, and each grain loads from its own rows instead of reading the
    /// store, with at most <paramref name="activationsAtOnce"/> activations running. Returns their keys, in order.
    /// </summary>
    /// <remarks>
    /// <para>
    /// A read per grain and state was most of a start-up's time; holding every row until all were read kept hundreds
    /// of megabytes alive through the collections of the start-up, and kept a core idle while the other read. Here the
    /// query runs on one core while the activations use the others, and a grain's rows die young once it loaded.
    /// </para>
    /// <para>
    /// A grain active (or ending) when its rows arrive is left to its own reads: it may have written since. Any other
    /// staleness (a grain that activated, wrote and ended within the read) shows as a version conflict on its next
    /// write, and the activation reloads from the store.
    /// </para>
    /// </remarks>
    public async Task<IReadOnlyList<string>> ActivateStoredAsync<TGrain>(
        string stateName, Func<TGrain, Task> activate, int activationsAtOnce, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey
    {
        ArgumentNullException.ThrowIfNull(activate);
        ArgumentOutOfRangeException.ThrowIfLessThan(activationsAtOnce, 1);
        var grainType = RegistrationOf(typeof(TGrain)).TypeName;
        var grains = Channel.CreateBounded<StoredGrain>(new BoundedChannelOptions(activationsAtOnce * 2) { SingleWriter = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var reading = Task.Run(() => ReadStoredGrainsAsync(grainType, stateName, grains.Writer, stop.Token), CancellationToken.None);
        var keys = new ConcurrentBag<string>();
        try
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = activationsAtOnce, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(grains.Reader.ReadAllAsync(cancellationToken), options, async (grain, cancellation) =>
            {
                var id = new GrainId(grainType, grain.Key);
                if (!_directory.ContainsKey(id) && !_ending.ContainsKey(id))
                {
                    _preloaded[id] = grain.Rows;
                }

                try
                {
                    await activate(GetGrain<TGrain>(grain.Key)).ConfigureAwait(false);
                }
                finally
                {
                    _preloaded.TryRemove(id, out _); // taken by its activation, unless one was running already
                }

                keys.Add(grain.Key);
            }).ConfigureAwait(false);
        }
        finally
        {
            // Frees the read when the activations failed; it ended already otherwise. It never throws: its failure
            // reached the activations through the channel.
            await stop.CancelAsync().ConfigureAwait(false);
            await reading.ConfigureAwait(false);
        }

        return [.. keys.Order(StringComparer.Ordinal)];
    }

    // Groups the rows of one grain (consecutive: the store orders them by key) and hands over those with the state.
    private async Task ReadStoredGrainsAsync(string grainType, string stateName, ChannelWriter<StoredGrain> grains, CancellationToken cancellationToken)
    {
        try
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            StoredGrain? current = null;
            await foreach (var row in Store.ReadGrainTypeAsync(grainType, cancellationToken).ConfigureAwait(false))
            {
                if (current?.Key != row.Address.GrainKey)
                {
                    await HandOverAsync(current).ConfigureAwait(false);
                    if (!seen.Add(row.Address.GrainKey))
                    {
                        throw new InvalidOperationException($"the store's rows of {grainType} {row.Address.GrainKey} are not consecutive");
                    }

                    current = new StoredGrain(row.Address.GrainKey, new PreloadedRows());
                }

                current.Rows.Add(row);
            }

            await HandOverAsync(current).ConfigureAwait(false);
            grains.Complete();
        }
        catch (Exception e)
        {
            grains.TryComplete(e);
        }

        async Task HandOverAsync(StoredGrain? grain)
        {
            if (grain is not null && grain.Rows.Has(stateName))
            {
                await grains.WriteAsync(grain, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private sealed record StoredGrain(string Key, PreloadedRows Rows);
}
