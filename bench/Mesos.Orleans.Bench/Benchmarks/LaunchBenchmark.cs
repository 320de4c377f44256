using System.Diagnostics;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// From apply to N instances RUNNING, against starting the same command N times with plain fork/exec in the same
/// run. The end is the latest RUNNING timestamp the agent reported, so polling adds nothing to the figure.
/// </summary>
public static class LaunchBenchmark
{
    private const string Command = "sleep 1000";

    public static async Task RunAsync(UpProcess up, IReadOnlyList<int> sizes, int runs, TextWriter output)
    {
        output.WriteLine($"launch: apply -> N instances RUNNING (`{Command}`), {runs} runs each; baseline: N x fork/exec of /bin/sh -c '{Command}'");
        output.WriteLine($"{"N",5} {"mesos-orleans median",22} {"fork/exec median",18} {"ratio",7} {"per instance",14}");
        await ApplyToRunningAsync(up, "launch-warm-up", 10); // JIT and caches, not measured
        foreach (var n in sizes)
        {
            var ours = new List<double>();
            var baseline = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                ours.Add(await ApplyToRunningAsync(up, $"launch-{n}-{run}", n));
                baseline.Add(ForkExec(n));
            }

            var median = Stats.Median(ours);
            var baseMedian = Stats.Median(baseline);
            output.WriteLine($"{n,5} {Stats.Ms(median),22} {Stats.Ms(baseMedian),18} {median / baseMedian,6:0.0}x {Stats.Ms(median / n),14}");
        }
    }

    private static async Task<double> ApplyToRunningAsync(UpProcess up, string name, int n)
    {
        var start = DateTimeOffset.UtcNow;
        await BenchApps.ApplyAsync(up, BenchApps.Manifest(name, n, Command));
        var started = await BenchApps.WaitRunningAsync(up, name, n, TimeSpan.FromMilliseconds(10));
        var elapsed = (started.Values.Max() - start).TotalMilliseconds;
        await BenchApps.DeleteAsync(up, name);
        return elapsed;
    }

    private static double ForkExec(int n)
    {
        var processes = new List<Process>(n);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            processes.Add(Process.Start(new ProcessStartInfo("/bin/sh") { ArgumentList = { "-c", Command }, UseShellExecute = false })!);
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        foreach (var process in processes)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            process.Dispose();
        }

        return elapsed;
    }
}
