using System.Diagnostics;
using System.Globalization;

namespace Mesos.Orleans.Bench.Support;

/// <summary>
/// This process' CPU time, memory and the machine's load: a shared machine's wall times count other work too, so
/// the scale benchmarks quote CPU time beside them, and the load they ran under.
/// </summary>
public static class ProcessMeter
{
    /// <summary>CPU time this process has used, on all its threads.</summary>
    public static TimeSpan Cpu()
    {
        using var self = Process.GetCurrentProcess();
        return self.TotalProcessorTime;
    }

    /// <summary>Resident memory, in bytes.</summary>
    public static long ResidentBytes()
    {
        using var self = Process.GetCurrentProcess();
        return self.WorkingSet64;
    }

    /// <summary>The managed heap after a full, compacting collection, in bytes.</summary>
    public static long HeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>The 1-minute load average, or NaN where there is none.</summary>
    public static double Load() =>
        File.Exists("/proc/loadavg") && double.TryParse(File.ReadAllText("/proc/loadavg").Split(' ')[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var load)
            ? load
            : double.NaN;

    /// <summary>Wall and CPU time of <paramref name="work"/>, the time the GC paused it, and the load when it ended.</summary>
    public static async Task<Measure> MeasureAsync(Func<Task> work)
    {
        var cpu = Cpu();
        var paused = GC.GetTotalPauseDuration();
        var collections = GC.CollectionCount(0);
        var wall = Stopwatch.StartNew();
        await work();
        return new Measure(wall.Elapsed, Cpu() - cpu, Load(), GC.GetTotalPauseDuration() - paused, GC.CollectionCount(0) - collections);
    }

    /// <summary>Bytes as MiB.</summary>
    public static string MiB(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB";
}

/// <summary>
/// How long something took, on the clock and on the CPUs, how long and how often the GC paused it (collections of
/// every generation count, since each starts with generation 0), and the load average after.
/// </summary>
public readonly record struct Measure(TimeSpan Wall, TimeSpan Cpu, double Load, TimeSpan GcPause, int Collections);
