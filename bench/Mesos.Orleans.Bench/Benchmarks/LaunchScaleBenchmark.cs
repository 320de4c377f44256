using Mesos.Orleans.Bench.Support;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// Launch throughput: apps totalling <see cref="ScaleSize.Tasks"/> instances applied through the HTTP API to a master
/// with simulated agents, from the first apply to every instance RUNNING. Each run is a new master on a new store.
/// </summary>
public static class LaunchScaleBenchmark
{
    public static async Task RunAsync(ScaleSize size, int runs, TextWriter output)
    {
        output.WriteLine($"throughput: apply -> all RUNNING, {size}, simulated agents, SQLite, {runs} runs");
        var results = new List<Measure>();
        for (var run = 0; run < runs; run++)
        {
            await using var host = await ScaleHost.StartAsync();
            await host.AddAgentsAsync(size.Agents);
            var manifests = ScaleHost.Manifests(size.Apps, size.InstancesPerApp, size.Agents);
            var measure = await ProcessMeter.MeasureAsync(async () =>
            {
                await host.ApplyAsync(manifests);
                await host.WaitRunningAsync(size.Tasks, TimeSpan.FromMilliseconds(50), TimeSpan.FromMinutes(30));
            });
            results.Add(measure);
            output.WriteLine($"  run {run + 1}: {Stats.Ms(measure.Wall.TotalMilliseconds)} wall, {Stats.Ms(measure.Cpu.TotalMilliseconds)} cpu "
                + $"({size.Tasks / measure.Wall.TotalSeconds:0} tasks/s wall, {size.Tasks / measure.Cpu.TotalSeconds:0} tasks per cpu-second), "
                + $"{host.Plane.Runtime.StoreTransactions} store transactions of {host.Plane.Runtime.StoreRows / (double)size.Tasks:0.0} rows per task, load {measure.Load:0.0}");
        }

        var wall = Stats.Median([.. results.Select(r => r.Wall.TotalSeconds)]);
        var cpu = Stats.Median([.. results.Select(r => r.Cpu.TotalSeconds)]);
        output.WriteLine($"  median: {size.Tasks / wall:0} tasks/s (wall {wall:0.00} s), {size.Tasks / cpu:0} tasks per cpu-second (cpu {cpu:0.00} s)");
    }
}
