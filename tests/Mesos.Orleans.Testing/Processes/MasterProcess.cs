using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// <c>mesos-orleans master</c> running as a real process on a store (a SQLite file or a PostgreSQL connection
/// string), on its own port, with an agent token. It can be killed and started again on the same store. Disposing
/// it kills it.
/// </summary>
public sealed class MasterProcess : IAsyncDisposable
{
    /// <summary>What the master prints once it serves.</summary>
    public const string Banner = "Mesos.Orleans master is up.";

    private readonly StringBuilder _log = new();
    private readonly IReadOnlyList<string> _args;
    private ChildProcess? _process;

    private MasterProcess(string store, int port, string agentToken, IReadOnlyList<string> extraArgs)
    {
        Port = port;
        AgentToken = agentToken;
        _args = ["master", "--store", store, "--listen", $"127.0.0.1:{port}", "--agent-token", agentToken, .. extraArgs];
        Http = new HttpClient { BaseAddress = new Uri(Server + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The API's port.</summary>
    public int Port { get; }

    /// <summary>The API's URL.</summary>
    public string Server => $"http://127.0.0.1:{Port}";

    /// <summary>The token agents must present.</summary>
    public string AgentToken { get; }

    /// <summary>The id of the process running now, once started.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>An HTTP client on the API.</summary>
    public HttpClient Http { get; }

    /// <summary>What the process printed.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts a master on <paramref name="store"/> and waits until it serves.</summary>
    public static async Task<MasterProcess> StartAsync(string store, string agentToken, params string[] extraArgs)
    {
        var master = new MasterProcess(store, FreePort.Next(), agentToken, extraArgs);
        await master.StartAgainAsync();
        return master;
    }

    /// <summary>Starts it (again) and waits until it serves.</summary>
    public async Task StartAgainAsync()
    {
        var before = ChildProcess.Count(Log, Banner);
        _process = ChildProcess.Start(_args, _log);
        await _process.WaitForAsync(Banner, before, "mesos-orleans master to start");
    }

    /// <summary>Kills it with SIGKILL.</summary>
    public Task KillHardAsync() => _process!.KillHardAsync();

    /// <summary>Runs the CLI against this master, with <paramref name="stdin"/> as its input when given.</summary>
    public Task<CliResult> CliAsync(string? stdin, params string[] args) => MesosOrleansExecutable.RunAsync(Server, stdin, args);

    /// <summary>Reads a JSON document from the API.</summary>
    public async Task<JsonNode> GetJsonAsync(string path) => (await Http.GetFromJsonAsync<JsonNode>(path))!;

    /// <summary>The app's tasks as the API lists them.</summary>
    public async Task<IReadOnlyList<JsonNode>> TasksAsync(string app) =>
        (await GetJsonAsync($"apis/v1/tasks?app={app}"))["items"]!.AsArray().Select(t => t!).ToList();

    /// <summary>Waits until the app's tasks satisfy <paramref name="done"/>; returns them. A timeout carries the master's log.</summary>
    public async Task<IReadOnlyList<JsonNode>> TasksUntilAsync(string app, Func<IReadOnlyList<JsonNode>, bool> done, string expectation, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.Until(() => TasksAsync(app), done, expectation, timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- the master said ---\n{Tail()}", e);
        }
    }

    /// <summary>The last lines printed.</summary>
    public string Tail(int lines = 60) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    /// <summary>Waits until the app has exactly <paramref name="count"/> tasks, all running.</summary>
    public Task<IReadOnlyList<JsonNode>> RunningAsync(string app, int count) =>
        TasksUntilAsync(app, tasks => tasks.Count == count && tasks.All(t => (string?)t["state"] == "TASK_RUNNING"), $"{count} running tasks of {app}");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await process.KillHardAsync();
        }

        Http.Dispose();
    }
}
