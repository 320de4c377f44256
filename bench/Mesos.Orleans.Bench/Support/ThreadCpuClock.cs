using System.Runtime.InteropServices;

namespace Mesos.Orleans.Bench.Support;

/// <summary>
/// The CPU time of the calling thread (<c>clock_gettime(CLOCK_THREAD_CPUTIME_ID)</c>): on a machine shared with
/// other work, wall time counts their turns too and CPU time does not. A collection the thread triggers runs on it
/// (workstation GC) and counts.
/// </summary>
/// <remarks>Only blittable arguments, so plain <c>DllImport</c> needs neither marshalling nor unsafe code.</remarks>
public static class ThreadCpuClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>Milliseconds of CPU the calling thread has used; NaN where the clock is missing.</summary>
    public static double NowMs() =>
        ClockGetTime(ClockThreadCpuTimeId, out var time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : double.NaN;

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
