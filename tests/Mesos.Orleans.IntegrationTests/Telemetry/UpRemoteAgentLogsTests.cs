using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Telemetry;

/// <summary>
/// <c>up</c> with an <c>agent</c> of another process joined: its own agent's logs are read from its files, the
/// other agent's through that agent's endpoint, presenting <c>up</c>'s agent token.
/// </summary>
public sealed class UpRemoteAgentLogsTests : IAsyncLifetime
{
    private const string Command = "echo first; echo second; echo oops >&2; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done";
    private UpProcess _up = null!;
    private AgentProcess _remote = null!;

    public async Task InitializeAsync()
    {
        // Listening beyond loopback turns authentication on, and with it the agent token agents of other processes need.
        _up = await UpProcess.StartListeningAsync("0.0.0.0");
        var token = File.ReadAllLines(Path.Combine(_up.DataDirectory, "agent-token"))[0].Trim();
        _remote = await AgentProcess.StartAsync(_up.Server, "127.0.0.2", "rack:b", token);
    }

    public async Task DisposeAsync()
    {
        await _remote.DisposeAsync();
        await _up.DisposeAsync();
    }

    [Fact]
    public async Task Logs_OfTasksOnUpsOwnAgent_AndOnAJoinedAgent_AreBothRead()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("away", Command, extra: "  constraints: [[rack, CLUSTER, \"b\"]]")));
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("home", Command.Replace("first", "home", StringComparison.Ordinal), extra: "  constraints: [[rack, UNLIKE, \"b\"]]")));
        Assert.Equal(_remote.AgentId, (string?)(await _up.RunningAsync("away", 1))[0]["agentId"]);
        Assert.Equal(_up.AgentId, (string?)(await _up.RunningAsync("home", 1))[0]["agentId"]);

        var away = await Eventually.Until(() => _up.CliAsync("logs", "app", "away"), r => r.Output.Contains("tick 1\n", StringComparison.Ordinal), "the joined agent's task's output");
        Assert.StartsWith("first\nsecond\ntick 0\n", away.Output, StringComparison.Ordinal);
        Assert.Equal("oops\n", (await _up.CliAsync("logs", "app", "away", "--stderr")).Output);

        var home = await Eventually.Until(() => _up.CliAsync("logs", "app", "home"), r => r.Output.Contains("tick 1\n", StringComparison.Ordinal), "up's own agent's task's output");
        Assert.StartsWith("home\nsecond\ntick 0\n", home.Output, StringComparison.Ordinal);
    }
}
