using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// <c>mesos-orleans agent</c> running as a real process: its own loopback address (127.0.0.x), work directory,
/// task ports and attributes. It can be killed, stopped and continued (SIGSTOP, SIGCONT: a partition as the
/// master sees it) and started again on the same work directory. Disposing it kills it and every task it left.
/// </summary>
public sealed class AgentProcess : IAsyncDisposable
{
    /// <summary>What the agent prints once it registered.</summary>
    public const string Banner = "Mesos.Orleans agent is up.";

    private readonly StringBuilder _log = new();
    private readonly IReadOnlyList<string> _args;
    private ChildProcess? _process;

    private AgentProcess(string root, string master, string address, string attributes, string token, (int Begin, int End) ports)
    {
        Root = root;
        Address = address;
        Ports = ports;
        var resources = string.Create(CultureInfo.InvariantCulture, $"cpus:2;mem:1024;disk:1000;ports:[{ports.Begin}-{ports.End}]");
        _args =
        [
            "agent", "--master", master, "--listen", $"{address}:{FreePort.Next()}", "--work-dir", WorkDirectory,
            "--resources", resources, "--attributes", attributes, "--containerizers", "process", "--agent-token", token,
        ];
    }

    /// <summary>Its directory: the work directory is <c>agent/</c> under it (the layout of <c>up</c>'s data directory).</summary>
    public string Root { get; }

    /// <summary>The agent's work directory.</summary>
    public string WorkDirectory => Path.Combine(Root, "agent");

    /// <summary>The loopback address it listens on.</summary>
    public string Address { get; }

    /// <summary>The task ports it offers.</summary>
    public (int Begin, int End) Ports { get; }

    /// <summary>The agent's id, once it registered (from its checkpoint).</summary>
    public string? AgentId
    {
        get
        {
            var file = Path.Combine(WorkDirectory, "agent.json");
            return File.Exists(file) ? (string?)JsonNode.Parse(File.ReadAllText(file))?["agentId"] : null;
        }
    }

    /// <summary>The process groups of its tasks that are alive.</summary>
    public IReadOnlyList<int> TaskProcesses => Processes.TaskProcesses.Alive(Root);

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

    /// <summary>Starts an agent of <paramref name="master"/> on <paramref name="address"/> and waits until it registered.</summary>
    public static async Task<AgentProcess> StartAsync(string master, string address, string attributes, string token)
    {
        var agent = Create(master, address, attributes, token);
        await agent.StartAgainAsync();
        return agent;
    }

    /// <summary>Starts an agent without waiting for it to register (one that will be refused, say).</summary>
    public static AgentProcess Launch(string master, string address, string attributes, string token)
    {
        var agent = Create(master, address, attributes, token);
        agent._process = ChildProcess.Start(agent._args, agent._log);
        return agent;
    }

    /// <summary>Starts it (again, on the same work directory) and waits until it registered.</summary>
    public async Task StartAgainAsync()
    {
        var before = ChildProcess.Count(Log, Banner);
        _process = ChildProcess.Start(_args, _log);
        await _process.WaitForAsync(Banner, before, $"mesos-orleans agent on {Address} to register");
    }

    /// <summary>Kills it with SIGKILL; its tasks keep running.</summary>
    public Task KillHardAsync() => _process!.KillHardAsync();

    /// <summary>Kills every task process it started (as the loss of its machine would).</summary>
    public void KillTasks() => Processes.TaskProcesses.KillAll(Root);

    /// <summary>Freezes it (SIGSTOP): to the master it is silent, as behind a partition.</summary>
    public void Freeze() => _process!.Signal(Signals.Stop, "SIGSTOP");

    /// <summary>Thaws it (SIGCONT).</summary>
    public void Thaw() => _process!.Signal(Signals.Continue, "SIGCONT");

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false } process)
        {
            await process.KillHardAsync();
        }

        Processes.TaskProcesses.KillAll(Root);
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A task still writing its logs; the temp directory is left for the OS.
        }
    }

    private static AgentProcess Create(string master, string address, string attributes, string token) =>
        new(Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName, master, address, attributes, token, PortRanges.Next());
}
