using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Storage.Tests.Postgres;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// The system as separate processes: one <c>master</c> on a real PostgreSQL and three <c>agent</c>s on their own
/// loopback addresses with their own attributes, talking HTTP. Agents are killed, frozen (a partition) and
/// restarted; each test ends by comparing what runs with what was asked.
/// </summary>
public sealed class MasterAndAgentsTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Token = "agents-secret-token";
    private const string App = "web";
    private readonly List<AgentProcess> _agents = [];
    private MasterProcess _master = null!;

    public async Task InitializeAsync()
    {
        // Pings every 0.5 s, unreachable after 4 missed (2 s): quick to notice, tolerant of a busy machine.
        _master = await MasterProcess.StartAsync(await postgres.CreateDatabaseAsync(), Token, "--heartbeat-interval", "0.5", "--max-missed-heartbeats", "4");
        var starts = new[] { ("127.0.0.2", "rack:a"), ("127.0.0.3", "rack:b"), ("127.0.0.4", "rack:c") }
            .Select(a => AgentProcess.StartAsync(_master.Server, a.Item1, a.Item2, Token));
        _agents.AddRange(await Task.WhenAll(starts));
    }

    public async Task DisposeAsync()
    {
        foreach (var agent in _agents)
        {
            await agent.DisposeAsync();
        }

        await _master.DisposeAsync();
    }

    [Fact]
    public async Task AgentKilled_ItsTasksAreReplacedOnTheOtherAgents()
    {
        var before = await ApplyAsync(instances: 3);
        var victim = AgentWithMostTasks(before);
        var lost = TaskIdsOn(before, victim);

        // The machine goes down: the agent with kill -9, and its tasks with it.
        await victim.KillHardAsync();
        victim.KillTasks();

        var after = await _master.TasksUntilAsync(App,
            tasks => AllRunning(tasks, 3) && tasks.All(t => (string?)t["agentId"] != victim.AgentId),
            $"3 running tasks of {App}, none on the killed agent {victim.AgentId}");
        Assert.Empty(lost.Intersect(after.Select(t => (string)t["taskId"]!)));
        Assert.All(after, t => Assert.Contains((string?)t["agentId"], Others(victim).Select(a => a.AgentId)));
        await AssertExactlyAsync(3);
    }

    [Fact]
    public async Task AgentPartitioned_ItsTasksAreReplaced_AndWhenItReturnsTheAppHasExactlyTheInstancesAsked()
    {
        var before = await ApplyAsync(instances: 3);
        var victim = AgentWithMostTasks(before);
        var frozenTasks = victim.TaskProcesses;
        Assert.NotEmpty(frozenTasks);

        victim.Freeze();
        await _master.TasksUntilAsync(App,
            tasks => AllRunning(tasks, 3) && tasks.All(t => (string?)t["agentId"] != victim.AgentId),
            $"3 running tasks of {App} on the agents that answer");
        var agentState = await _master.GetJsonAsync($"apis/v1/agents/{victim.AgentId}");
        Assert.Equal("UNREACHABLE", (string?)agentState["agent"]!["status"]);

        victim.Thaw();
        // Back from the partition: it registers again and is told to kill the tasks that were replaced.
        await Eventually.Until(() => victim.TaskProcesses.Count == 0, $"the replaced tasks on {victim.Address} killed after SIGCONT");
        await Eventually.Until(() => _master.GetJsonAsync($"apis/v1/agents/{victim.AgentId}"), a => (string?)a["agent"]!["status"] == "ACTIVE",
            $"agent {victim.AgentId} active again");
        await AssertExactlyAsync(3);
    }

    [Fact]
    public async Task AgentRestarted_ReadoptsItsTasks_NoneRestarted()
    {
        // An app that waits a minute before replacing what it cannot reach: a slow restart changes nothing.
        var before = await ApplyAsync(instances: 3, extra: "  unreachableStrategy: {inactiveAfterSeconds: 60, expungeAfterSeconds: 120}");
        var victim = AgentWithMostTasks(before);
        var processes = victim.TaskProcesses.Order().ToList();
        Assert.NotEmpty(processes);

        await victim.KillHardAsync();
        await victim.StartAgainAsync();

        var after = await _master.TasksUntilAsync(App,
            tasks => AllRunning(tasks, 3) && tasks.Count(t => (string?)t["agentId"] == victim.AgentId) == processes.Count,
            $"the tasks of {victim.AgentId} running again");
        Assert.Equal(TaskIds(before), TaskIds(after));
        Assert.Equal(processes, victim.TaskProcesses.Order().ToList());
        Assert.Contains($"Recovered: {processes.Count} tasks still running", victim.Log, StringComparison.Ordinal);
        await AssertExactlyAsync(3);
    }

    [Fact]
    public async Task AgentWithAWrongToken_IsRefused_AndGetsNoTask()
    {
        await using var intruder = AgentProcess.Launch(_master.Server, "127.0.0.5", "rack:x", "not-the-token");
        await Eventually.Until(() => _master.Log.Contains("refused (/api/v1/agents/register): no valid agent token", StringComparison.Ordinal),
            "the master to log the refusal");
        await Eventually.Until(() => intruder.Log.Contains("refused this agent's token (401)", StringComparison.Ordinal),
            "the agent to say it was refused");

        var tasks = await ApplyAsync(instances: 4);

        var agents = (await _master.GetJsonAsync("apis/v1/agents"))["items"]!.AsArray();
        Assert.Equal(_agents.Select(a => a.AgentId).Order(), agents.Select(a => (string?)a!["agent"]!["agentId"]).Order());
        Assert.All(tasks, t => Assert.Contains((string?)t["agentId"], _agents.Select(a => a.AgentId)));
        Assert.Null(intruder.AgentId);
        Assert.Empty(intruder.TaskProcesses);
        await AssertExactlyAsync(4);
    }

    [Fact]
    public async Task AgentEndpoint_RefusesALaunchWithoutTheToken()
    {
        var agent = _agents[0];
        var endpoint = (string)(await _master.GetJsonAsync($"apis/v1/agents/{agent.AgentId}"))["agent"]!["endpoint"]!;
        using var http = new HttpClient();

        using var response = await http.PostAsJsonAsync(new Uri(new Uri(endpoint + "/"), "api/v1/agent/launch"), new { tasks = Array.Empty<object>() });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await Eventually.Until(() => agent.Log.Contains("no valid agent token", StringComparison.Ordinal), "the agent to log the refusal");
        Assert.Empty(agent.TaskProcesses);
    }

    private async Task<IReadOnlyList<JsonNode>> ApplyAsync(int instances, string extra = "")
    {
        var constraints = "  constraints: [[rack, MAX_PER, \"2\"]]";
        var manifest = Manifests.App(App, "sleep 600", instances, extra: extra.Length > 0 ? $"{constraints}\n{extra}" : constraints);
        var applied = await _master.CliAsync(manifest, "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        return await _master.RunningAsync(App, instances);
    }

    // What runs matches what was asked: as many running tasks as instances, each with its process alive on its agent, nothing more.
    private async Task AssertExactlyAsync(int instances)
    {
        var tasks = await _master.RunningAsync(App, instances);
        await Eventually.Until(() => _agents.Sum(a => a.TaskProcesses.Count) == instances,
            $"exactly {instances} task processes alive on the agents (alive: {string.Join(", ", _agents.Select(a => $"{a.Address}={a.TaskProcesses.Count}"))})");
        foreach (var agent in _agents)
        {
            Assert.Equal(tasks.Count(t => (string?)t["agentId"] == agent.AgentId), agent.TaskProcesses.Count);
        }

        // And it stays so: a reconcile period later nothing was added or removed.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(TaskIds(tasks), TaskIds(await _master.RunningAsync(App, instances)));
    }

    private AgentProcess AgentWithMostTasks(IReadOnlyList<JsonNode> tasks) =>
        _agents.OrderByDescending(a => tasks.Count(t => (string?)t["agentId"] == a.AgentId)).First();

    private IEnumerable<AgentProcess> Others(AgentProcess agent) => _agents.Where(a => a != agent);

    private static bool AllRunning(IReadOnlyList<JsonNode> tasks, int count) =>
        tasks.Count == count && tasks.All(t => (string?)t["state"] == "TASK_RUNNING");

    private static List<string> TaskIdsOn(IReadOnlyList<JsonNode> tasks, AgentProcess agent) =>
        tasks.Where(t => (string?)t["agentId"] == agent.AgentId).Select(t => (string)t["taskId"]!).ToList();

    private static List<string> TaskIds(IReadOnlyList<JsonNode> tasks) => tasks.Select(t => (string)t["taskId"]!).Order().ToList();
}
