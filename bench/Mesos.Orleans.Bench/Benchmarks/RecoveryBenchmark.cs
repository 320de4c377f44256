using System.Diagnostics;
using Mesos.Orleans.Bench.Support;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// Recovery: the master stops and a new one starts on the same store, its agents register again with their tasks
/// (as agents do when a new master leads), until every agent is active, every task runs, and the API lists them.
/// Repeated on one cluster.
/// </summary>
public static class RecoveryBenchmark
{
    /// <summary>On <paramref name="postgres"/> (an empty database) when given, else on SQLite.</summary>
    public static async Task RunAsync(ScaleSize size, int runs, TextWriter output, string? postgres = null)
    {
        await using var host = await ScaleHost.StartAsync(postgres);
        await host.AddAgentsAsync(size.Agents);
        await host.ApplyAsync(ScaleHost.Manifests(size.Apps, size.InstancesPerApp, size.Agents));
        await host.WaitRunningAsync(size.Tasks, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));
        output.WriteLine($"recovery: new master on the same store -> every agent registered again and the API lists every task RUNNING, {size}, {(postgres is null ? "SQLite" : "PostgreSQL")}, {runs} runs");
        var results = new List<Measure>();
        for (var run = 0; run < runs; run++)
        {
            await host.StopMasterAsync();
            var phases = new List<(string Name, TimeSpan At)>();
            var clock = Stopwatch.StartNew();
            var measure = await ProcessMeter.MeasureAsync(async () =>
            {
                var started = DateTimeOffset.UtcNow;
                await host.StartMasterAsync();
                phases.Add(("serving", clock.Elapsed));
                // Those whose ping already found the new master have registered again (or are doing so) meanwhile.
                await host.Fleet.RegisterAllAsync(Environment.ProcessorCount * 8, CancellationToken.None, unlessSince: started);
                phases.Add(("agents registered", clock.Elapsed));
                await host.WaitRunningAsync(size.Tasks, TimeSpan.FromMilliseconds(20), TimeSpan.FromMinutes(10));
                phases.Add(("tasks running", clock.Elapsed));
                var listed = await host.CountAsync("apis/v1/tasks?state=running");
                if (listed != size.Tasks)
                {
                    throw new InvalidOperationException($"the API lists {listed} running tasks of {size.Tasks}");
                }
            });
            results.Add(measure);
            output.WriteLine($"  run {run + 1}: {Stats.Ms(measure.Wall.TotalMilliseconds)} wall, {Stats.Ms(measure.Cpu.TotalMilliseconds)} cpu, gc paused {Stats.Ms(measure.GcPause.TotalMilliseconds)} in {measure.Collections} collections, load {measure.Load:0.0} "
                + $"({string.Join(", ", phases.Select(p => $"{p.Name} at {Stats.Ms(p.At.TotalMilliseconds)}"))})");
        }

        output.WriteLine($"  median: {Stats.Ms(Stats.Median([.. results.Select(r => r.Wall.TotalMilliseconds)]))} wall, "
            + $"{Stats.Ms(Stats.Median([.. results.Select(r => r.Cpu.TotalMilliseconds)]))} cpu, "
            + $"gc paused {Stats.Ms(Stats.Median([.. results.Select(r => r.GcPause.TotalMilliseconds)]))}");
    }
}
