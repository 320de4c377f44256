using Mesos.Orleans.Bench.Support;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// The API at scale: <c>GET /apis/v1/tasks</c> (what <c>get tasks</c> reads) and Mesos' <c>/master/state</c>, over
/// HTTP from the master's own Kestrel, with every task running. Latency is to the last byte read.
/// </summary>
public static class ApiScaleBenchmark
{
    public static async Task RunAsync(ScaleSize size, int samples, TextWriter output)
    {
        await using var host = await ScaleHost.StartAsync();
        await host.AddAgentsAsync(size.Agents);
        await host.ApplyAsync(ScaleHost.Manifests(size.Apps, size.InstancesPerApp, size.Agents));
        await host.WaitRunningAsync(size.Tasks, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));
        output.WriteLine($"api: latency to the last byte, {size}, {samples} samples each");
        foreach (var path in new[] { "apis/v1/tasks", "master/state" })
        {
            var bytes = await host.GetAsync(path); // warm-up
            var results = new List<Measure>();
            for (var i = 0; i < samples; i++)
            {
                results.Add(await ProcessMeter.MeasureAsync(() => host.GetAsync(path)));
            }

            output.WriteLine($"  GET /{path} ({ProcessMeter.MiB(bytes)}): median {Stats.Ms(Stats.Median([.. results.Select(r => r.Wall.TotalMilliseconds)]))} wall, "
                + $"{Stats.Ms(Stats.Median([.. results.Select(r => r.Cpu.TotalMilliseconds)]))} cpu, load {results[^1].Load:0.0}");
        }
    }
}
