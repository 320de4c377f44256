using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// Recovery from a crash, every part a process of its own: a <c>master</c> is SIGKILLed and started again on the same
/// store, while <c>agent --simulate N</c> in another process keeps pinging it over HTTP; from the new process' start
/// until every agent is active again and the API lists every task RUNNING. Unlike <see cref="RecoveryBenchmark"/>
/// (a new master in a process that ran one before), the new process pays its whole start: the runtime, the JIT, the
/// store's open, and the agents finding the master back on their own, at their next ping.
/// </summary>
public static class ColdRecoveryBenchmark
{
    private const string Token = "bench-agent-token";
    private const string AgentBanner = "Mesos.Orleans agent is up.";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>On <paramref name="postgres"/> (an empty database) when given, else on a SQLite file.</summary>
    public static async Task RunAsync(ScaleSize size, int runs, TextWriter output, string? postgres = null)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-bench-").FullName;
        try
        {
            // The default heartbeat (5 s): the agents find the new master at their next ping, as real ones would.
            await using var master = await MasterProcess.StartAsync(postgres ?? Path.Combine(directory, "state.db"), Token);
            var agentsLog = new StringBuilder();
            var agents = ChildProcess.Start(
            [
                "agent", "--simulate", size.Agents.ToString(CultureInfo.InvariantCulture), "--master", master.Server,
                "--listen", $"127.0.0.1:{FreePort.Next()}", "--resources", ScaleHost.AgentResources, "--agent-token", Token,
            ], agentsLog);
            try
            {
                await agents.WaitForAsync(AgentBanner, 0, $"{size.Agents} simulated agents to register", TimeSpan.FromMinutes(5));
                await MasterApi.ApplyAsync(master.Http, ScaleHost.Manifests(size.Apps, size.InstancesPerApp, size.Agents));

                var setUp = await WaitAsync(master, size, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(30), progress: output);
                output.WriteLine($"set-up: every agent active at {Stats.Ms(setUp.Registered.TotalMilliseconds)}, every task running at {Stats.Ms(setUp.Running.TotalMilliseconds)} after the apply");
                output.WriteLine($"cold recovery: master SIGKILLed, a new master process on the same store -> every agent (another process, over HTTP) active again and the API lists every task RUNNING, {size}, {(postgres is null ? "SQLite" : "PostgreSQL")}, {runs} runs");
                var walls = new List<double>();
                var cpus = new List<double>();
                for (var run = 0; run < runs; run++)
                {
                    await master.KillHardAsync();
                    var clock = Stopwatch.StartNew();
                    await master.StartAgainAsync();
                    var serving = clock.Elapsed;
                    var (registered, running) = await WaitAsync(master, size, Poll, TimeSpan.FromMinutes(10), clock);
                    var listed = await MasterApi.CountAsync(master.Http, "apis/v1/tasks?state=running");
                    var wall = clock.Elapsed;
                    if (listed != size.Tasks)
                    {
                        throw new InvalidOperationException($"the API lists {listed} running tasks of {size.Tasks}");
                    }

                    using var process = Process.GetProcessById(master.ProcessId!.Value);
                    var cpu = process.TotalProcessorTime;
                    walls.Add(wall.TotalMilliseconds);
                    cpus.Add(cpu.TotalMilliseconds);
                    output.WriteLine($"  run {run + 1}: {Stats.Ms(wall.TotalMilliseconds)} wall, master {Stats.Ms(cpu.TotalMilliseconds)} cpu, load {ProcessMeter.Load():0.0} "
                        + $"(serving at {Stats.Ms(serving.TotalMilliseconds)}, agents active at {Stats.Ms(registered.TotalMilliseconds)}, tasks running at {Stats.Ms(running.TotalMilliseconds)})");
                }

                output.WriteLine($"  median: {Stats.Ms(Stats.Median(walls))} wall, master {Stats.Ms(Stats.Median(cpus))} cpu");
            }
            catch (Exception)
            {
                output.WriteLine($"the master's log ends with:{Environment.NewLine}{master.Tail(30)}");
                throw;
            }
            finally
            {
                await agents.KillHardAsync();
            }
        }
        finally
        {
            TempDirectories.TryDelete(directory);
        }
    }

    // Until the master's metrics count every agent active and every task running: when each became true, on `clock`.
    // With `progress`, what they count every 10 s.
    private static async Task<(TimeSpan Registered, TimeSpan Running)> WaitAsync(
        MasterProcess master, ScaleSize size, TimeSpan poll, TimeSpan timeout, Stopwatch? clock = null, TextWriter? progress = null)
    {
        clock ??= Stopwatch.StartNew();
        TimeSpan? registered = null;
        var told = TimeSpan.Zero;
        while (true)
        {
            var (active, running) = await MetricsAsync(master);
            if (progress is not null && clock.Elapsed - told >= TimeSpan.FromSeconds(10))
            {
                told = clock.Elapsed;
                progress.WriteLine($"  {told.TotalSeconds:0} s: {active} of {size.Agents} agents active, {running} of {size.Tasks} tasks running");
            }

            if (active >= size.Agents)
            {
                registered ??= clock.Elapsed;
                if (running >= size.Tasks)
                {
                    return (registered.Value, clock.Elapsed);
                }
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{active} of {size.Agents} agents active and {running} of {size.Tasks} tasks running after {timeout}");
            }

            await Task.Delay(poll);
        }
    }

    private static async Task<(int Active, int Running)> MetricsAsync(MasterProcess master)
    {
        await using var body = await master.Http.GetStreamAsync(new Uri("metrics/snapshot", UriKind.Relative));
        using var metrics = await JsonDocument.ParseAsync(body);
        var root = metrics.RootElement;
        return ((int)root.GetProperty("master/slaves_active").GetDouble(), (int)root.GetProperty("master/tasks_running").GetDouble());
    }
}
