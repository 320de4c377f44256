using System.Diagnostics;
using System.Globalization;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Testing.Docker;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// From apply to N Docker containers RUNNING, against the same N containers made with <c>docker run -d</c>'s two
/// engine calls (create, start), one after another, in the same run (and, for reference, all at once, as the agent
/// starts them). All run the busybox test image with the same command and limits; the end of ours is the latest
/// RUNNING timestamp the agent reported.
/// </summary>
public static class DockerBenchmark
{
    private const string Command = "sleep 1000";
    private const double Cpus = 1; // a quota of 0.01 CPU throttles the container's own start-up: it would measure that, not the launch
    private const double Mem = 16;

    public static async Task RunAsync(UpProcess up, TestDockerEngine engine, IReadOnlyList<int> sizes, int runs, TextWriter output)
    {
        output.WriteLine($"docker: apply -> N containers RUNNING (`{Command}` in {TestDockerEngine.TestImage}, cpus {Cpus}, mem {Mem}), {runs} runs each;");
        output.WriteLine("        baseline: N x docker run -d (create + start) through the engine, one after another as a shell loop would (and, for reference, all at once)");
        output.WriteLine($"{"N",5} {"mesos-orleans median",22} {"docker run -d median",22} {"ratio",7} {"all at once median",20} {"ratio",7}");
        await ApplyToRunningAsync(up, engine, "docker-warm-up", 5); // JIT, caches and the engine's, not measured
        await DockerRunAsync(engine, 5, parallel: false);
        foreach (var n in sizes)
        {
            var ours = new List<double>();
            var baseline = new List<double>();
            var parallel = new List<double>();
            for (var run = 0; run < runs; run++)
            {
                ours.Add(await ApplyToRunningAsync(up, engine, $"docker-{n}-{run}", n));
                baseline.Add(await DockerRunAsync(engine, n, parallel: false));
                parallel.Add(await DockerRunAsync(engine, n, parallel: true));
            }

            var median = Stats.Median(ours);
            var baseMedian = Stats.Median(baseline);
            var parallelMedian = Stats.Median(parallel);
            output.WriteLine($"{n,5} {Stats.Ms(median),22} {Stats.Ms(baseMedian),22} {median / baseMedian,6:0.00}x {Stats.Ms(parallelMedian),20} {median / parallelMedian,6:0.00}x");
        }
    }

    private static async Task<double> ApplyToRunningAsync(UpProcess up, TestDockerEngine engine, string name, int n)
    {
        var start = DateTimeOffset.UtcNow;
        await BenchApps.ApplyAsync(up, Manifest(name, n));
        var started = await BenchApps.WaitRunningAsync(up, name, n, TimeSpan.FromMilliseconds(10));
        var elapsed = (started.Values.Max() - start).TotalMilliseconds;
        await BenchApps.DeleteAsync(up, name);
        while ((await engine.ContainersAsync(DockerContainers.AppLabel, "/" + name)).Count > 0)
        {
            await Task.Delay(20);
        }

        return elapsed;
    }

    private static async Task<double> DockerRunAsync(TestDockerEngine engine, int n, bool parallel)
    {
        var run = TestDockerEngine.NewRunId();
        var request = new CreateContainerRequest
        {
            Image = TestDockerEngine.TestImage,
            Entrypoint = ["/bin/sh", "-c"],
            Cmd = [Command],
            Labels = new Dictionary<string, string> { [TestDockerEngine.RunLabel] = run },
            HostConfig = new HostConfig { Init = true, NetworkMode = "host" }.WithCpus(Cpus).WithMemoryLimit((long)Mem << 20),
        };
        async Task RunOneAsync(int i)
        {
            var created = await engine.Client.Containers.CreateAsync(request with { Name = $"mesos-orleans-bench-{run}-{i.ToString(CultureInfo.InvariantCulture)}" });
            await engine.Client.Containers.StartAsync(created.Id);
        }

        var watch = Stopwatch.StartNew();
        if (parallel)
        {
            await Task.WhenAll(Enumerable.Range(0, n).Select(RunOneAsync));
        }
        else
        {
            for (var i = 0; i < n; i++)
            {
                await RunOneAsync(i);
            }
        }

        var elapsed = watch.Elapsed.TotalMilliseconds;
        await engine.RemoveContainersAsync(TestDockerEngine.RunLabel, run);
        return elapsed;
    }

    private static string Manifest(string name, int instances) => string.Create(CultureInfo.InvariantCulture, $$$"""
        {"apiVersion": "mesos-orleans.io/v1", "kind": "App", "metadata": {"name": "{{{name}}}"},
         "spec": {"instances": {{{instances}}}, "cmd": "{{{Command}}}", "cpus": {{{Cpus}}}, "mem": {{{Mem}}}, "portDefinitions": [], "backoffSeconds": 0,
                  "container": {"type": "DOCKER", "docker": {"image": "{{{TestDockerEngine.TestImage}}}"} } } }
        """);
}
