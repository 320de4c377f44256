using System.Globalization;
using Mesos.Orleans.Bench.Benchmarks;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing.Docker;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench;

/// <summary>
/// The benchmarks: <c>launch</c> (apply to N RUNNING vs fork/exec), <c>restart</c> (kill to replacement RUNNING) and
/// <c>docker</c> (apply to N containers RUNNING vs <c>docker run -d</c> N times).
/// Each starts its own <c>mesos-orleans up</c> and prints medians with the machine it ran on; <c>--smoke</c> runs
/// tiny sizes so CI keeps the benchmarks working.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var smoke = args.Contains("--smoke");
        if (which is not ("all" or "launch" or "restart" or "docker"))
        {
            await Console.Error.WriteLineAsync("usage: Mesos.Orleans.Bench [all|launch|restart|docker] [--smoke]");
            return 2;
        }

        MachineInfo.Print(Console.Out);
        // The engine (and the busybox image) first, so that up starts with the docker containerizer.
        var engine = which is "all" or "docker" ? await TestDockerEngine.StartAsync(CancellationToken.None) : null;
        await using var up = await UpProcess.StartAsync(cpus: 64, mem: 8192);
        if (which is "all" or "launch")
        {
            await LaunchBenchmark.RunAsync(up, smoke ? [1, 10] : [1, 10, 100], smoke ? 1 : 5, Console.Out);
        }

        if (which is "all" or "restart")
        {
            await RestartBenchmark.RunAsync(up, smoke ? 3 : 50, Console.Out);
        }

        if (engine is not null)
        {
            await using (engine)
            {
                await DockerBenchmark.RunAsync(up, engine, smoke ? [1, 5] : [1, 10, 50], smoke ? 1 : 5, Console.Out);
            }
        }

        return 0;
    }
}
