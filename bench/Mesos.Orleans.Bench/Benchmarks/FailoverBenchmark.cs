using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// Failover of a master group on PostgreSQL (two masters, three agents, an app of three instances): from the leader's
/// SIGKILL until (a) the other master serves the API as leader and (b) every agent has re-registered with it. The
/// killed master is started again as a standby between samples. Every master runs on this machine, so the standby
/// sees the leader's process gone and takes its lease at once; across machines the lease's ttl (8 s) bounds it below.
/// </summary>
public static class FailoverBenchmark
{
    public static async Task RunAsync(MasterGroup group, int samples, TextWriter output)
    {
        var leader = await group.LeaderAsync();
        await ApplyAsync(group.MasterUrls[leader]);
        var serving = new List<double>();
        var reregistered = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            leader = await group.LeaderAsync();
            var successor = group.MasterUrls[1 - leader];
            var killedAt = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            await group.Masters[leader].KillHardAsync();

            await UntilAsync(() => ServesAsLeaderAsync(successor), "the standby to serve as leader", group);
            serving.Add(clock.Elapsed.TotalMilliseconds);
            await UntilAsync(() => AllReregisteredAsync(successor, group.Agents.Count, killedAt), "every agent to re-register", group);
            reregistered.Add(clock.Elapsed.TotalMilliseconds);

            await group.Masters[leader].StartAsync(); // back as a standby for the next sample
        }

        output.WriteLine($"failover: leader SIGKILLed -> standby serving as leader / all {group.Agents.Count} agents re-registered, {samples} samples (the standby on the leader's machine: the lease taken at once, not after its 8 s ttl)");
        output.WriteLine($"  serving:       median {Stats.Ms(Stats.Median(serving))}, min {Stats.Ms(serving.Min())}, max {Stats.Ms(serving.Max())}");
        output.WriteLine($"  re-registered: median {Stats.Ms(Stats.Median(reregistered))}, min {Stats.Ms(reregistered.Min())}, max {Stats.Ms(reregistered.Max())}");
    }

    private static async Task ApplyAsync(Uri leader)
    {
        using var client = MasterGroup.DirectClient(leader);
        using var response = await client.PostAsync(new Uri("apis/v1/apply", UriKind.Relative),
            new StringContent(BenchApps.Manifest("failover", 3, "sleep 100000"), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    // Answers /v2/leader naming itself and serves an API read itself (no redirect).
    private static async Task<bool> ServesAsLeaderAsync(Uri master)
    {
        using var client = MasterGroup.DirectClient(master);
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            using var leader = await client.GetAsync("/v2/leader");
            if (leader.StatusCode != HttpStatusCode.OK
                || (string?)(await leader.Content.ReadFromJsonAsync<JsonNode>())?["leader"] != master.Authority)
            {
                return false;
            }

            using var apps = await client.GetAsync("/v2/apps");
            return apps.StatusCode == HttpStatusCode.OK;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<bool> AllReregisteredAsync(Uri master, int agents, DateTimeOffset since)
    {
        using var client = MasterGroup.DirectClient(master);
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            var slaves = (await client.GetFromJsonAsync<JsonNode>("/master/slaves"))?["slaves"]?.AsArray() ?? [];
            var cutoff = since.ToUnixTimeMilliseconds() / 1000.0;
            return slaves.Count(s => (bool?)s?["active"] == true && ((double?)s?["reregistered_time"] ?? 0) >= cutoff) == agents;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task UntilAsync(Func<Task<bool>> condition, string what, MasterGroup group)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"waited 2 min for {what}\n{group.Logs()}"));
            }

            await Task.Delay(20);
        }
    }
}
