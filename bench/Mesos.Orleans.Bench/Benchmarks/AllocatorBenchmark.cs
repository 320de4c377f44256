using System.Diagnostics;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Core.Allocation;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// One allocation cycle of the <see cref="OfferAllocator"/> with DRF — the time from calling
/// <see cref="OfferAllocator.Allocate"/> to holding its offers — for agents × frameworks, in the scenarios of Mesos'
/// allocator benchmarks (<c>hierarchical_allocator_benchmarks.cpp</c>, <c>DeclineOffers</c>): everything free;
/// steady state with offers partly accepted and the rest refused; offers declined and filters piling up; revived;
/// most frameworks suppressed.
/// Each scenario starts from a fresh model; answering offers between cycles is not timed.
/// </summary>
public static class AllocatorBenchmark
{
    /// <summary>The sizes of issue 8: agents × frameworks.</summary>
    public static IReadOnlyList<(int Agents, int Frameworks)> Sizes { get; } =
        [(1_000, 100), (10_000, 1_000), (20_000, 2_000), (50_000, 1_000)];

    /// <summary>A size that runs in a moment, so CI keeps the benchmark working.</summary>
    public static IReadOnlyList<(int Agents, int Frameworks)> SmokeSizes { get; } = [(200, 20)];

    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(1); // the allocator grain's
    private static readonly TimeSpan Refuse = TimeSpan.FromSeconds(5); // Mesos' default refuse_seconds
    private static readonly TimeSpan Forever = TimeSpan.FromDays(1);
    private const int SteadyWarmUp = 5; // cycles until each agent carries its ~5 live filters

    private static readonly (string Name, Func<AllocatorCluster, int, Sample> Run)[] Scenarios =
    [
        ("first", First),
        ("steady", Steady),
        ("declined", Declined),
        ("revived", Revived),
        ("suppressed", Suppressed),
    ];

    public static void Run(IReadOnlyList<(int Agents, int Frameworks)> sizes, int rounds, TextWriter output)
    {
        output.WriteLine($"allocator: one Allocate() cycle, DRF, agents of {AllocatorCluster.AgentResources}, {rounds} cycles per scenario");
        output.WriteLine("  first:    everything free (offers rescinded between cycles)");
        output.WriteLine($"  steady:   each offer: one task (cpus:0.05;mem:16, a port) accepted, the rest refused {Refuse.TotalSeconds:0} s; clock +{Interval.TotalSeconds:0} s per cycle");
        output.WriteLine("  declined: each offer declined whole, filter outlasting the run, clock still: cycle k skips k-1 filters per agent");
        output.WriteLine("  revived:  each offer declined as above, then every framework revives");
        output.WriteLine("  suppressed: 9 frameworks in 10 suppressed (nothing to launch), the rest offered everything free");
        foreach (var (_, run) in Scenarios)
        {
            run(AllocatorCluster.Build(1_000, 100), rounds); // JIT tiers and caches, not measured
        }

        output.WriteLine("  wall: elapsed time; cpu: the thread's CPU time, which the machine's other work does not inflate; alloc: bytes allocated per cycle; gc: GC pauses within the cycle (mean)");
        output.WriteLine($"{"scenario",-10} {"agents",7} {"frameworks",10} {"median",10} {"p99",10} {"cpu median",11} {"cpu p99",10} {"offers/cycle",13} {"alloc/cycle",12} {"gc",8}");
        var models = new List<string>();
        foreach (var (agents, frameworks) in sizes)
        {
            foreach (var (name, run) in Scenarios)
            {
                var watch = Stopwatch.StartNew();
                var cluster = AllocatorCluster.Build(agents, frameworks);
                var built = watch.Elapsed.TotalMilliseconds;
                if (name == "first")
                {
                    models.Add($"model: {agents} agents x {frameworks} frameworks built in {Stats.Ms(built)}, {cluster.ModelBytes / agents:N0} bytes per agent");
                }

                var sample = run(cluster, rounds);
                output.WriteLine($"{name,-10} {agents,7} {frameworks,10} {Stats.Ms(Stats.Median(sample.Millis)),10} {Stats.Ms(Stats.Percentile(sample.Millis, 99)),10} {Stats.Ms(Stats.Median(sample.CpuMillis)),11} {Stats.Ms(Stats.Percentile(sample.CpuMillis, 99)),10} {sample.Offers.Average(),13:0} {Megabytes(sample.Bytes.Average()),12} {Stats.Ms(sample.GcMillis.Average()),8}");
                GC.Collect();
            }
        }

        models.ForEach(output.WriteLine);
    }

    private static string Megabytes(double bytes) => $"{bytes / (1024 * 1024):0.0} MB";

    private static Sample First(AllocatorCluster cluster, int rounds)
    {
        var sample = new Sample();
        for (var i = 0; i < rounds; i++)
        {
            cluster.RescindAll(sample.Time(cluster.Allocator, T0));
        }

        return sample;
    }

    private static Sample Steady(AllocatorCluster cluster, int rounds)
    {
        var now = T0;
        var offers = cluster.Allocator.Allocate(now);
        for (var i = 0; i < SteadyWarmUp; i++)
        {
            cluster.AcceptOneTaskEach(offers, now, Refuse);
            now += Interval;
            offers = cluster.Allocator.Allocate(now);
        }

        var sample = new Sample();
        for (var i = 0; i < rounds; i++)
        {
            cluster.AcceptOneTaskEach(offers, now, Refuse);
            now += Interval;
            offers = sample.Time(cluster.Allocator, now);
        }

        return sample;
    }

    private static Sample Declined(AllocatorCluster cluster, int rounds)
    {
        var offers = cluster.Allocator.Allocate(T0);
        var sample = new Sample();
        for (var i = 0; i < rounds; i++)
        {
            cluster.DeclineAll(offers, T0, Forever);
            offers = sample.Time(cluster.Allocator, T0);
        }

        return sample;
    }

    private static Sample Revived(AllocatorCluster cluster, int rounds)
    {
        var offers = cluster.Allocator.Allocate(T0);
        var sample = new Sample();
        for (var i = 0; i < rounds; i++)
        {
            cluster.DeclineAll(offers, T0, Forever);
            cluster.ReviveAll();
            offers = sample.Time(cluster.Allocator, T0);
        }

        return sample;
    }

    private static Sample Suppressed(AllocatorCluster cluster, int rounds)
    {
        cluster.SuppressAllButOneIn(10);
        return First(cluster, rounds);
    }

    /// <summary>Cycle times (wall and CPU) and how many offers each made.</summary>
    private sealed class Sample
    {
        public List<double> Millis { get; } = [];

        public List<double> CpuMillis { get; } = [];

        public List<int> Offers { get; } = [];

        public List<long> Bytes { get; } = [];

        public List<double> GcMillis { get; } = [];

        public IReadOnlyList<Offer> Time(OfferAllocator allocator, DateTimeOffset now)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var paused = GC.GetTotalPauseDuration();
            var cpu = ThreadCpuClock.NowMs();
            var watch = Stopwatch.StartNew();
            var offers = allocator.Allocate(now);
            Millis.Add(watch.Elapsed.TotalMilliseconds);
            CpuMillis.Add(ThreadCpuClock.NowMs() - cpu);
            Bytes.Add(GC.GetAllocatedBytesForCurrentThread() - bytes);
            GcMillis.Add((GC.GetTotalPauseDuration() - paused).TotalMilliseconds);
            Offers.Add(offers.Count);
            return offers;
        }
    }
}
