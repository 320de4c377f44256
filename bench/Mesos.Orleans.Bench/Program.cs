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
/// <c>docker run -d</c> N times), which start their own <c>mesos-orleans up</c>; <c>agent-loss</c> (an agent killed ->
/// unreachable -> its task running elsewhere, with a master and two agents as processes); <c>failover</c> (the leader
/// of two masters SIGKILLed -> the standby serving and every agent re-registered, on a throwaway PostgreSQL); and at
/// scale, a master in this process with simulated agents: <c>throughput</c> (apply to 100,000 tasks RUNNING on 10,000
/// agents), <c>idle</c> and <c>memory</c> (50,000 agents and 100,000 tasks at rest), <c>recovery</c> (on SQLite, then on
/// a throwaway PostgreSQL: a new master until every agent is back), <c>cold-recovery</c> (the same with the master
/// and the simulated agents as processes: the master SIGKILLed and started again) and <c>api</c> (listing 100,000
/// tasks). Each prints medians with the machine it ran on; <c>--smoke</c> runs tiny sizes so CI keeps the benchmarks
/// working.
/// <c>allocator --size 10000x1000</c> runs one size only (for profiling); <c>--runs N</c> repeats a scale benchmark N
/// times (on a noisy machine a median of more runs is steadier).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var which = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || args[i - 1] is not ("--size" or "--shape" or "--runs"))).FirstOrDefault() ?? "all";
        var smoke = args.Contains("--smoke");
        var size = SizeArgument(args);
        var shape = ShapeArgument(args);
        var runs = RunsArgument(args);
        if (which is not ("all" or "allocator" or "launch" or "restart" or "docker" or "agent-loss" or "failover" or "throughput" or "idle" or "memory" or "recovery" or "cold-recovery" or "api")
            || size is (0, 0) || shape is { Agents: 0 } || runs is 0)
        {
            await Console.Error.WriteLineAsync(
                "usage: Mesos.Orleans.Bench [all|allocator|launch|restart|docker|agent-loss|failover|throughput|idle|memory|recovery|cold-recovery|api] [--smoke] [--size AGENTSxFRAMEWORKS] [--shape AGENTSxAPPSxINSTANCES] [--runs N]");
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

        if (await RunScaleAsync(which, smoke, shape, runs))
        {
            return 0;
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

    // The benchmarks on a master in this process with simulated agents (all of them for `all`); true when `which`
    // names one of them, so that nothing else runs.
    private static async Task<bool> RunScaleAsync(string which, bool smoke, ScaleSize? shape, int? runs)
    {
        var launchSize = shape ?? (smoke ? ScaleSize.Smoke : ScaleSize.Launch);
        var restSize = shape ?? (smoke ? ScaleSize.Smoke : ScaleSize.AtRest);
        var all = which is "all";
        if (all || which is "throughput")
        {
            await LaunchScaleBenchmark.RunAsync(launchSize, runs ?? (smoke ? 1 : 3), Console.Out);
        }

        if (all || which is "recovery")
        {
            await RecoveryBenchmark.RunAsync(launchSize, runs ?? (smoke ? 1 : 5), Console.Out);
            await WithPostgresAsync(database => RecoveryBenchmark.RunAsync(launchSize, runs ?? (smoke ? 1 : 5), Console.Out, database));
        }

        if (all || which is "cold-recovery")
        {
            await ColdRecoveryBenchmark.RunAsync(launchSize, runs ?? (smoke ? 1 : 5), Console.Out);
            await WithPostgresAsync(database => ColdRecoveryBenchmark.RunAsync(launchSize, runs ?? (smoke ? 1 : 5), Console.Out, database));
        }

        if (all || which is "api")
        {
            await ApiScaleBenchmark.RunAsync(launchSize, runs ?? (smoke ? 2 : 10), Console.Out);
        }

        if (all || which is "idle" or "memory")
        {
            // idle prints the memory of the same cluster first: one build of 50,000 agents serves both.
            await AtRestBenchmark.RunAsync(restSize, which is "memory" ? null : TimeSpan.FromSeconds(smoke ? 3 : 30), Console.Out);
        }

        return which is "throughput" or "recovery" or "cold-recovery" or "api" or "idle" or "memory";
    }

    // `--shape 10000x100x1000` (agents, apps, instances each): null when absent, zero agents when malformed.
    private static ScaleSize? ShapeArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--shape");
        if (at < 0)
        {
            return null;
        }

        var parts = at + 1 < args.Length ? args[at + 1].Split('x') : [];
        var numbers = parts.Select(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).ToList();
        return numbers.Count == 3 && numbers.All(n => n > 0) ? new ScaleSize(numbers[0], numbers[1], numbers[2]) : new ScaleSize(0, 0, 0);
    }

    // Two masters and three agents on a PostgreSQL server of its own (or MESOS_ORLEANS_TEST_POSTGRES's).
    private static Task RunFailoverAsync(int samples) => WithPostgresAsync(async database =>
    {
        await using var group = await MasterGroup.StartAsync(database, masters: 2, agents: 3);
        await FailoverBenchmark.RunAsync(group, samples, Console.Out);
    });

    // A new database on a PostgreSQL server of its own (or MESOS_ORLEANS_TEST_POSTGRES's), for the time of `run`.
    private static async Task WithPostgresAsync(Func<string, Task> run)
    {
        var postgres = new PostgresServerFixture();
        await postgres.InitializeAsync();
        try
        {
            await run(await postgres.CreateDatabaseAsync());
        }
        finally
        {
            await postgres.DisposeAsync();
        }
    }

    // `--runs 7`: null when absent, 0 when malformed.
    private static int? RunsArgument(string[] args)
    {
        var at = Array.IndexOf(args, "--runs");
        if (at < 0)
        {
            return null;
        }

        return at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var runs) ? runs : 0;
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
