using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mesos.Orleans.Bench.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>
/// A master and two agents as separate processes (SQLite store, pings every second, unreachable after 3 missed).
/// Each sample kills the agent that runs the app's one task, and its task with it (a machine lost), and measures
/// from the kill to the master declaring the agent unreachable, and to the replacement RUNNING on the other agent
/// (its RUNNING timestamp as that agent reported it). The dead agent is started again for the next sample.
/// </summary>
public static class AgentLossBenchmark
{
    private const string Token = "bench-agent-token";
    private const string App = "survivor";
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);

    public static async Task RunAsync(int samples, TextWriter output)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-bench-").FullName;
        await using var master = await MasterProcess.StartAsync(
            Path.Combine(directory, "state.db"), Token, "--heartbeat-interval", "1", "--max-missed-heartbeats", "3");
        await using var a = await AgentProcess.StartAsync(master.Server, "127.0.0.2", "rack:a", Token);
        await using var b = await AgentProcess.StartAsync(master.Server, "127.0.0.3", "rack:b", Token);
        AgentProcess[] agents = [a, b];
        using (var response = await master.Http.PostAsync(new Uri("apis/v1/apply", UriKind.Relative),
            new StringContent(BenchApps.Manifest(App, 1, "sleep 1000"), Encoding.UTF8, "application/json")))
        {
            response.EnsureSuccessStatusCode();
        }

        var detected = new List<double>();
        var replaced = new List<double>();
        for (var i = 0; i < samples; i++)
        {
            var task = (await RunningTaskAsync(master, except: null))!;
            var victim = agents.Single(x => x.AgentId == (string?)task["agentId"]);
            var killedAt = DateTimeOffset.UtcNow;
            await victim.KillHardAsync();
            victim.KillTasks();

            DateTimeOffset? unreachableAt = null;
            JsonNode? replacement = null;
            while (unreachableAt is null || replacement is null)
            {
                if (unreachableAt is null
                    && (string?)(await master.GetJsonAsync($"apis/v1/agents/{victim.AgentId}"))["agent"]!["status"] == "UNREACHABLE")
                {
                    unreachableAt = DateTimeOffset.UtcNow;
                }

                replacement ??= await RunningTaskAsync(master, except: (string)task["taskId"]!, wait: false);
                await Task.Delay(Poll);
            }

            detected.Add((unreachableAt.Value - killedAt).TotalMilliseconds);
            replaced.Add((DateTimeOffset.Parse((string)replacement["startedAt"]!, CultureInfo.InvariantCulture) - killedAt).TotalMilliseconds);
            await victim.StartAgainAsync();
        }

        output.WriteLine($"agent-loss: kill -9 of an agent (and its task) -> unreachable, -> its task RUNNING on another agent (pings 1 s, unreachable after 3 missed), {samples} samples");
        output.WriteLine($"  unreachable: median {Stats.Ms(Stats.Median(detected))}, min {Stats.Ms(detected.Min())}, max {Stats.Ms(detected.Max())}");
        output.WriteLine($"  replaced:    median {Stats.Ms(Stats.Median(replaced))}, min {Stats.Ms(replaced.Min())}, max {Stats.Ms(replaced.Max())}");
        TempDirectories.TryDelete(directory);
    }

    // The app's one running task (other than `except`); null when there is none yet and not waiting.
    private static async Task<JsonNode?> RunningTaskAsync(MasterProcess master, string? except, bool wait = true)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        do
        {
            var tasks = (await master.Http.GetFromJsonAsync<JsonNode>($"apis/v1/tasks?app={App}"))!["items"]!.AsArray();
            if (tasks is [{ } only] && (string?)only["state"] == "TASK_RUNNING" && (string?)only["taskId"] != except)
            {
                return only;
            }

            if (wait)
            {
                await Task.Delay(Poll);
            }
        }
        while (wait && DateTime.UtcNow < deadline);

        return wait ? throw new TimeoutException($"{App} has no running task") : null;
    }
}
