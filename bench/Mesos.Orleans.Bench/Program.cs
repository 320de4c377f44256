using System.Globalization;
using Mesos.Orleans.Bench.Benchmarks;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Storage.Tests.Postgres;
using Mesos.Orleans.Testing.Docker;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench;

/// <summary>
/// The benchmarks: <c>allocator</c> (one allocation cycle, agents × frameworks), <c>launch</c> (apply to N RUNNING
/// vs fork/exec), <c>restart</c> (kill to replacement RUNNING) and <c>docker</c> (apply to N containers RUNNING vs
/// <c>docker run -d</c> N times), <c>agent-loss</c> (an agent killed -> unreachable -> its task running elsewhere,
/// with a master and two agents as processes) and <c>failover</c> (the leader of two masters SIGKILLed -> the standby
/// serving and every agent re-registered, on a throwaway PostgreSQL). <c>launch</c>, <c>restart</c> and <c>docker</c> start their own <c>mesos-orleans up</c>; each prints medians with the
/// machine it ran on; <c>--smoke</c> runs tiny sizes so CI keeps the benchmarks working.
/// <c>allocator --size 10000x1000</c> runs one size only (for profiling).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] != "--size")).FirstOrDefault() ?? "all";
        var smoke = args.Contains("--smoke");
        var size = SizeArgument(args);
        if (which is not ("all" or "allocator" or "launch" or "restart" or "docker" or "agent-loss" or "failover") || size is (0, 0))
        {
            await Console.Error.WriteLineAsync("usage: Mesos.Orleans.Bench [all|allocator|launch|restart|docker|agent-loss|failover] [--smoke] [--size AGENTSxFRAMEWORKS]");
            return 2;
        }

        MachineInfo.Print(Console.Out);
        if (which is "all" or "allocator")
        {
            var sizes = size is { } one ? [one] : smoke ? AllocatorBenchmark.SmokeSizes : AllocatorBenchmark.Sizes;
            AllocatorBenchmark.Run(sizes, smoke ? 3 : 30, Console.Out);
        }

        if (which is "all" or "agent-loss")
        {
            await AgentLossBenchmark.RunAsync(smoke ? 1 : 10, Console.Out);
        }

        if (which is "allocator" or "agent-loss")
        {
            return 0;
        }

        if (which is "all" or "failover")
        {
            await RunFailoverAsync(smoke ? 1 : 5);
            if (which is "failover")
            {
                return 0;
            }
        }

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

    // Two masters and three agents on a PostgreSQL server of its own (or MESOS_ORLEANS_TEST_POSTGRES's).
    private static async Task RunFailoverAsync(int samples)
    {
        var postgres = new PostgresServerFixture();
        await postgres.InitializeAsync();
        try
        {
            await using var group = await MasterGroup.StartAsync(await postgres.CreateDatabaseAsync(), masters: 2, agents: 3);
            await FailoverBenchmark.RunAsync(group, samples, Console.Out);
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    // `--size 10000x1000`: null when absent, (0, 0) when malformed.
    private static (int Agents, int Frameworks)? SizeArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--size");
        if (at < 0)
        {
            return null;
        }

        var parts = at + 1 < args.Length ? args[at + 1].Split('x') : [];
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var agents)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var frameworks)
            && agents > 0 && frameworks > 0
                ? (agents, frameworks)
                : (0, 0);
    }
}
