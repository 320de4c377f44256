using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// From a task's kill (SIGKILL to its process group) to its replacement RUNNING, with backoff 0. The end is the
/// replacement's RUNNING timestamp as its agent reported it.
/// </summary>
public static class RestartBenchmark
{
    public static async Task RunAsync(UpProcess up, int samples, TextWriter output)
    {
        const string name = "replaced";
        await BenchApps.ApplyAsync(up, BenchApps.Manifest(name, 1, "sleep 1000"));
        var current = await BenchApps.WaitRunningAsync(up, name, 1, TimeSpan.FromMilliseconds(5));
        var latencies = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var victim = current.Keys.Single();
            var pid = TaskProcesses.Find(victim).Single();
            var killedAt = DateTimeOffset.UtcNow;
            Signals.Send(-pid, Signals.Kill);
            do
            {
                current = await BenchApps.WaitRunningAsync(up, name, 1, TimeSpan.FromMilliseconds(2));
            }
            while (current.ContainsKey(victim));

            latencies.Add((current.Values.Single() - killedAt).TotalMilliseconds);
        }

        await BenchApps.DeleteAsync(up, name);
        output.WriteLine($"restart: kill -> replacement RUNNING (backoff 0), {samples} samples");
        output.WriteLine($"  median {Stats.Ms(Stats.Median(latencies))}, p99 {Stats.Ms(Stats.Percentile(latencies, 99))}, min {Stats.Ms(latencies.Min())}, max {Stats.Ms(latencies.Max())}");
    }
}
