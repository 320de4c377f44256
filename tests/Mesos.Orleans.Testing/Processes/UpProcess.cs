using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Mesos.Orleans.Testing.Docker;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// <c>mesos-orleans up</c> running as a real process on its own data directory, API port and task ports. It can
/// be stopped with Ctrl-C, killed with SIGKILL, and started again on the same directory. Disposing it stops it and
/// kills every task process and removes every Docker container it left, so tests leave nothing behind.
/// </summary>
public sealed class UpProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly string _resources;
    private readonly IReadOnlyList<string> _extraArgs;
    private readonly string _listenHost;
    private IReadOnlyDictionary<string, string> _environment = new Dictionary<string, string>();
    private Process? _process;

    private UpProcess(string dataDirectory, int apiPort, (int Begin, int End) ports, double cpus, double mem, IReadOnlyList<string> extraArgs, string listenHost = "127.0.0.1")
    {
        _listenHost = listenHost;
        DataDirectory = dataDirectory;
        ApiPort = apiPort;
        Ports = ports;
        _resources = string.Create(CultureInfo.InvariantCulture, $"cpus:{cpus};mem:{mem};disk:1000;ports:[{ports.Begin}-{ports.End}]");
        _extraArgs = extraArgs;
        Http = new HttpClient { BaseAddress = new Uri(Server + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The data directory, kept across restarts.</summary>
    public string DataDirectory { get; }

    /// <summary>The API's port.</summary>
    public int ApiPort { get; }

    /// <summary>The task ports the agent offers.</summary>
    public (int Begin, int End) Ports { get; }

    /// <summary>The API's URL.</summary>
    public string Server => $"http://127.0.0.1:{ApiPort}";

    /// <summary>An HTTP client on the API.</summary>
    public HttpClient Http { get; }

    /// <summary>What the process printed, for failure messages.</summary>
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

    // How many times a start printed its banner (the log keeps every start's lines).
    private int Starts => Log.Split("Mesos.Orleans is up.").Length - 1;

    /// <summary>The id of <c>up</c>'s agent, once it registered (read from its data directory).</summary>
    public string? AgentId
    {
        get
        {
            var file = Path.Combine(DataDirectory, "agent", "agent.json");
            return File.Exists(file) ? (string?)JsonNode.Parse(File.ReadAllText(file))?["agentId"] : null;
        }
    }

    /// <summary>
    /// The API's bearer token when <c>up</c> turned authentication on and generated it in the data directory; the
    /// <see cref="Http"/> client and <see cref="CliAsync"/> present it.
    /// </summary>
    public string? Token { get; private set; }

    /// <summary>Where <c>up</c> writes the token it generates.</summary>
    public string TokenFile => Path.Combine(DataDirectory, "auth-token");

    /// <summary>The process id of the running <c>up</c>.</summary>
    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Starts <c>up</c> on a new data directory and waits until it serves.</summary>
    public static async Task<UpProcess> StartAsync(double cpus = 4, double mem = 4096, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-it-").FullName;
        var up = new UpProcess(directory, FreePort.Next(), PortRanges.Next(), cpus, mem, extraArgs);
        await up.StartAgainAsync();
        return up;
    }

    /// <summary>Starts <c>up</c> on a new data directory with <paramref name="environment"/> added to its environment.</summary>
    public static async Task<UpProcess> StartWithEnvironmentAsync(IReadOnlyDictionary<string, string> environment, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-it-").FullName;
        var up = new UpProcess(directory, FreePort.Next(), PortRanges.Next(), 4, 4096, extraArgs) { _environment = environment };
        await up.StartAgainAsync();
        return up;
    }

    /// <summary>Starts <c>up</c> listening on <paramref name="listenHost"/> (a wildcard such as 0.0.0.0 included) on a new data directory.</summary>
    public static async Task<UpProcess> StartListeningAsync(string listenHost, params string[] extraArgs)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-it-").FullName;
        var up = new UpProcess(directory, FreePort.Next(), PortRanges.Next(), 4, 4096, extraArgs, listenHost);
        await up.StartAgainAsync();
        return up;
    }

    /// <summary>Starts <c>up</c> (again) on the same data directory and waits until it serves.</summary>
    public async Task StartAgainAsync()
    {
        var startedBefore = Starts;
        var args = new List<string> { "up", "--data-dir", DataDirectory, "--listen", $"{_listenHost}:{ApiPort}", "--resources", _resources };
        args.AddRange(_extraArgs);
        var info = MesosOrleansExecutable.StartInfo(args);
        foreach (var (name, value) in _environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Eventually.Until(() => Starts > startedBefore || process.HasExited,
            "mesos-orleans up to start", TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"mesos-orleans up exited with {process.ExitCode}:\n{Log}");
        }

        if (File.Exists(TokenFile) && Token is null)
        {
            Token = File.ReadAllLines(TokenFile)[0].Trim();
            Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Token);
        }
    }

    /// <summary>Kills <c>up</c> with SIGKILL, as a crash would: no clean-up runs.</summary>
    public async Task KillHardAsync()
    {
        var process = _process!;
        process.Kill(entireProcessTree: false);
        await process.WaitForExitAsync();
        Append("--- killed with SIGKILL ---");
    }

    /// <summary>Stops <c>up</c> as Ctrl-C does and returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        var process = _process!;
        Signals.Send(process.Id, Signals.Interrupt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>Runs the CLI against this system.</summary>
    public Task<CliResult> CliAsync(params string[] args) => MesosOrleansExecutable.RunWithTokenAsync(Server, Token, null, args);

    /// <summary>Runs the CLI with standard input.</summary>
    public Task<CliResult> CliWithInputAsync(string stdin, params string[] args) => MesosOrleansExecutable.RunWithTokenAsync(Server, Token, stdin, args);

    /// <summary>Reads a JSON document from the API.</summary>
    public async Task<JsonNode> GetJsonAsync(string path) =>
        (await Http.GetFromJsonAsync<JsonNode>(path))!;

    /// <summary>The app's tasks as the API lists them.</summary>
    public async Task<IReadOnlyList<JsonNode>> TasksAsync(string app) =>
        (await GetJsonAsync($"apis/v1/tasks?app={app}"))["items"]!.AsArray().Select(t => t!).ToList();

    /// <summary>Waits until <paramref name="app"/> has exactly <paramref name="count"/> running tasks; returns them.</summary>
    public async Task<IReadOnlyList<JsonNode>> RunningAsync(string app, int count, TimeSpan? timeout = null)
    {
        try
        {
            return await Eventually.Until(() => TasksAsync(app),
                tasks => tasks.Count == count && tasks.All(t => (string?)t["state"] == "TASK_RUNNING"),
                $"{count} running tasks of {app}", timeout);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n--- mesos-orleans up said ---\n{Tail(Log, 60)}", e);
        }
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        TaskProcesses.KillAll(DataDirectory);
        if (AgentId is { } agentId)
        {
            await DockerContainers.RemoveAllOfAgentAsync(agentId);
        }

        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A task still writing its logs; the temp directory is left for the OS.
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
