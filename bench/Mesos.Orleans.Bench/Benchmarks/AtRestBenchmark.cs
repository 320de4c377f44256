using Mesos.Orleans.Bench.Support;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// A master at rest and what it holds: agents registered, tasks running, nothing changing. <c>memory</c> prints
/// resident memory and the managed heap per agent and per task; <c>idle</c> also prints the process' CPU over a
/// window with every agent pinging at the master's heartbeat interval.
/// </summary>
/// <remarks>
/// The simulated agents live in the same process: their part (each agent's few objects, each task's launch record,
/// which the master's in-process channel hands them by reference) counts in the memory, and their pings' sending
/// counts in the CPU.
/// </remarks>
public static class AtRestBenchmark
{
    public static async Task RunAsync(ScaleSize size, TimeSpan? idleWindow, TextWriter output)
    {
        await using var host = await ScaleHost.StartAsync();
        var heapBase = ProcessMeter.HeapBytes();
        var rssBase = ProcessMeter.ResidentBytes();
        await host.AddAgentsAsync(size.Agents);
        var heapAgents = ProcessMeter.HeapBytes();
        var rssAgents = ProcessMeter.ResidentBytes();
        await host.ApplyAsync(ScaleHost.Manifests(size.Apps, size.InstancesPerApp, size.Agents));
        await host.WaitRunningAsync(size.Tasks, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(30));
        var heapTasks = ProcessMeter.HeapBytes();
        var rssTasks = ProcessMeter.ResidentBytes();
        output.WriteLine($"memory: {size}, simulated agents in the same process");
        output.WriteLine($"  master alone: {ProcessMeter.MiB(rssBase)} resident, {ProcessMeter.MiB(heapBase)} managed heap");
        output.WriteLine($"  per agent: {(rssAgents - rssBase) / size.Agents:N0} B resident, {(heapAgents - heapBase) / size.Agents:N0} B heap");
        output.WriteLine($"  per task:  {(rssTasks - rssAgents) / size.Tasks:N0} B resident, {(heapTasks - heapAgents) / size.Tasks:N0} B heap");
        output.WriteLine($"  all: {ProcessMeter.MiB(rssTasks)} resident, {ProcessMeter.MiB(heapTasks)} heap, {host.Plane.Runtime.ActivationCount:N0} activations");
        if (idleWindow is not { } window)
        {
            return;
        }

        // The agents ping all along (a master declares silent ones unreachable); one interval more, so that the
        // window opens on steady pings.
        var heartbeat = host.Plane.Options.HeartbeatInterval;
        await Task.Delay(heartbeat);
        var pinging = await ProcessMeter.MeasureAsync(() => Task.Delay(window));
        output.WriteLine($"idle: process cpu at rest, {size}, a {window.TotalSeconds:0} s window");
        output.WriteLine($"  agents pinging every {heartbeat.TotalSeconds:0} s: {Percent(pinging)} of one core (cpu {Stats.Ms(pinging.Cpu.TotalMilliseconds)}, load {pinging.Load:0.0})");
    }

    private static string Percent(Measure m) => $"{100 * m.Cpu.TotalSeconds / m.Wall.TotalSeconds:0.00}%";
}
