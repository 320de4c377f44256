using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Telemetry.Metrics;

namespace Mesos.Orleans.Master.Telemetry;

/// <summary>
/// The gauges of the cluster's state, observed when a reader (a scrape, an OTLP export) asks: apps, tasks by
/// state and agents by status from the read model, resources total/used/offered from the allocator's books. The
/// books cost a grain call, so they are fetched before a scrape and otherwise at most every 10 s.
/// </summary>
internal sealed class MasterGauges : IDisposable
{
    private static readonly TimeSpan BooksMaxAge = TimeSpan.FromSeconds(10);
    private readonly Meter _meter = new(MesosMetrics.MeterName);
    private readonly ControlPlane _plane;
    private volatile AllocatorSnapshot? _books;
    private long _booksAt;
    private int _refreshing;

    public MasterGauges(ControlPlane plane)
    {
        _plane = plane;
        _meter.CreateObservableGauge("mesos_orleans.apps", () => (long)_plane.View.Apps.Count(), "{app}", "Apps declared.");
        _meter.CreateObservableGauge("mesos_orleans.tasks", TasksByState, "{task}",
            "App instances by task state; SCHEDULED while they wait for an offer.");
        _meter.CreateObservableGauge("mesos_orleans.agents", AgentsByStatus, "{agent}", "Agents by status.");
        _meter.CreateObservableGauge("mesos_orleans.resources", Resources, "{resource}",
            "The cluster's resources by name (cpus, mem in MB, disk in MB, gpus): total, used by tasks, offered.");
    }

    private IAllocatorGrain Allocator => _plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key);

    /// <summary>Fetches the allocator's books now (before a scrape).</summary>
    public async Task RefreshAsync()
    {
        _books = await Allocator.GetSnapshotAsync();
        Volatile.Write(ref _booksAt, Stopwatch.GetTimestamp());
    }

    private IEnumerable<Measurement<long>> TasksByState() =>
        _plane.View.Instances.GroupBy(i => i.State, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("state", g.Key)));

    private IEnumerable<Measurement<long>> AgentsByStatus() =>
        _plane.View.Agents.GroupBy(a => a.Status, StringComparer.Ordinal)
            .Select(g => new Measurement<long>(g.Count(), new KeyValuePair<string, object?>("status", g.Key)));

    private IEnumerable<Measurement<double>> Resources()
    {
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _booksAt)) > BooksMaxAge && Interlocked.Exchange(ref _refreshing, 1) == 0)
        {
            // An exporter's reader runs on its own thread: report the books we have, fetch fresher ones for next time.
            _ = RefreshAsync().ContinueWith(_ => Volatile.Write(ref _refreshing, 0), TaskScheduler.Default);
        }

        if (_books is not { } books)
        {
            yield break;
        }

        foreach (var (kind, set) in new[] { ("total", books.Totals.Total), ("used", books.Totals.Used), ("offered", books.Totals.Offered) })
        {
            foreach (var (name, value) in new[] { (ResourceSet.CpusName, set.Cpus), (ResourceSet.MemName, set.Mem), (ResourceSet.DiskName, set.Disk), (ResourceSet.GpusName, set.Gpus) })
            {
                yield return new Measurement<double>(value, new KeyValuePair<string, object?>("resource", name), new KeyValuePair<string, object?>("kind", kind));
            }
        }
    }

    public void Dispose() => _meter.Dispose();
}
