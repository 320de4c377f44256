using System.Diagnostics;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Storage.Tests.Postgres;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// <c>logs app</c> in a cluster of separate processes: a <c>master</c> on a real PostgreSQL reads the output of a task
/// that runs on an <c>agent</c> process, from that agent's endpoint, a chunk at a time.
/// </summary>
public sealed class MasterAndAgentsLogsTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>, IAsyncLifetime
{
    private const string Token = "agents-secret-token";
    private const string App = "printer";
    private const string Command = "echo first; echo second; echo oops >&2; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done";
    private MasterProcess _master = null!;
    private AgentProcess _agent = null!;

    public async Task InitializeAsync()
    {
        _master = await MasterProcess.StartAsync(await postgres.CreateDatabaseAsync(), Token);
        _agent = await AgentProcess.StartAsync(_master.Server, "127.0.0.2", "rack:a", Token);
    }

    public async Task DisposeAsync()
    {
        await _agent.DisposeAsync();
        await _master.DisposeAsync();
    }

    [Fact]
    public async Task Logs_OfATaskOnAnAgentProcess_PrintIt_TailIt_AndFollowIt()
    {
        var applied = await _master.CliAsync(Manifests.App(App, Command), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        var task = (await _master.RunningAsync(App, 1))[0];
        Assert.Equal(_agent.AgentId, (string?)task["agentId"]);

        var stdout = await Eventually.Until(() => _master.CliAsync(null, "logs", "app", App), r => r.Output.Contains("tick 2\n", StringComparison.Ordinal), "the task's output");
        Assert.True(stdout.ExitCode == 0, stdout.ToString());
        Assert.StartsWith("first\nsecond\ntick 0\ntick 1\n", stdout.Output, StringComparison.Ordinal);

        var stderr = await _master.CliAsync(null, "logs", "app", App, "--stderr", "--task", (string)task["taskId"]!);
        Assert.True(stderr.ExitCode == 0, stderr.ToString());
        Assert.Equal("oops\n", stderr.Output);

        var tail = await _master.CliAsync(null, "logs", "app", App, "--tail", "2");
        var lines = tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("tick ", l, StringComparison.Ordinal));
        Assert.Equal(Tick(lines[0]) + 1, Tick(lines[1]));

        // Following from the end: lines arrive as the task writes them, and the command ends once the task has.
        using var follow = Process.Start(MesosOrleansExecutable.StartInfo(["logs", "app", App, "-f", "--tail", "0"], _master.Server))!;
        follow.StandardInput.Close();
        var errors = follow.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var first = await follow.StandardOutput.ReadLineAsync(timeout.Token);
        var second = await follow.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(Tick(first!) > Tick(lines[1]), $"'{first}' was written before the follow began");
        Assert.Equal(Tick(first!) + 1, Tick(second!));

        var scaled = await _master.CliAsync(null, "scale", "app", App, "--instances", "0");
        Assert.True(scaled.ExitCode == 0, scaled.ToString());
        var rest = await follow.StandardOutput.ReadToEndAsync(timeout.Token);
        await follow.WaitForExitAsync(timeout.Token);
        Assert.True(follow.ExitCode == 0, await errors);
        var ticks = rest.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(Tick).ToList();
        Assert.Equal(Enumerable.Range(Tick(second!) + 1, ticks.Count), ticks);
    }

    [Fact]
    public async Task Logs_WhenTheTasksAgentIsDown_IsAClearError()
    {
        var applied = await _master.CliAsync(Manifests.App(App, "sleep 600"), "apply", "-f", "-");
        Assert.True(applied.ExitCode == 0, applied.ToString());
        await _master.RunningAsync(App, 1);

        await _agent.KillHardAsync();
        _agent.KillTasks();
        var logs = await _master.CliAsync(null, "logs", "app", App);

        Assert.Equal(1, logs.ExitCode);
        Assert.Contains($"could not be read from agent '{_agent.AgentId}'", logs.Error, StringComparison.Ordinal);
    }

    private static int Tick(string line) => int.Parse(line.Trim()["tick ".Length..], System.Globalization.CultureInfo.InvariantCulture);
}
