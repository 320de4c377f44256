using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// A cluster of real processes on one store: <c>mesos-orleans master</c> × n (one leads, the others stand by) and
/// <c>mesos-orleans agent</c> × m, each agent given every master's URL. Masters can be killed and started again
/// with the same arguments; disposing it kills everything and every task the agents left.
/// </summary>
public sealed class MasterGroup : IAsyncDisposable
{
    /// <summary>What <c>master</c> prints once it serves (as a leader or a standby).</summary>
    public const string MasterBanner = "Mesos.Orleans master is up.";

    /// <summary>What <c>agent</c> prints once it registered.</summary>
    public const string AgentBanner = "Mesos.Orleans agent is up.";

    private readonly string _directory;

    private MasterGroup(string directory, IReadOnlyList<NodeProcess> masters, IReadOnlyList<Uri> urls, IReadOnlyList<NodeProcess> agents, IReadOnlyList<string> agentDirectories)
    {
        _directory = directory;
        Masters = masters;
        MasterUrls = urls;
        Agents = agents;
        AgentDirectories = agentDirectories;
    }

    /// <summary>The masters, in the order of <see cref="MasterUrls"/>.</summary>
    public IReadOnlyList<NodeProcess> Masters { get; }

    /// <summary>Each master's API URL (also what it advertises).</summary>
    public IReadOnlyList<Uri> MasterUrls { get; }

    /// <summary>The agents.</summary>
    public IReadOnlyList<NodeProcess> Agents { get; }

    /// <summary>Each agent's data directory (its work directory is <c>agent/</c> under it).</summary>
    public IReadOnlyList<string> AgentDirectories { get; }

    /// <summary>
    /// Starts <paramref name="masters"/> masters on <paramref name="store"/> one after another (the first leads),
    /// then <paramref name="agents"/> agents, and waits until each printed its banner.
    /// </summary>
    public static async Task<MasterGroup> StartAsync(string store, int masters, int agents, IReadOnlyList<string>? masterArgs = null, double cpus = 4, double mem = 4096)
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-group-").FullName;
        var urls = Enumerable.Range(0, masters).Select(_ => new Uri($"http://127.0.0.1:{FreePort.Next()}")).ToList();
        var masterNodes = urls.Select((url, i) => new NodeProcess(
            $"master-{(char)('a' + i)}",
            ["master", "--store", store, "--listen", $"127.0.0.1:{url.Port}", "--advertise", url.ToString().TrimEnd('/'), .. masterArgs ?? []],
            MasterBanner)).ToList();
        var agentDirectories = new List<string>();
        var agentNodes = new List<NodeProcess>();
        for (var i = 0; i < agents; i++)
        {
            var agentDirectory = Path.Combine(directory, $"agent-{i}");
            agentDirectories.Add(agentDirectory);
            var ports = PortRanges.Next();
            var resources = string.Create(CultureInfo.InvariantCulture, $"cpus:{cpus};mem:{mem};disk:1000;ports:[{ports.Begin}-{ports.End}]");
            agentNodes.Add(new NodeProcess(
                $"agent-{i}",
                ["agent", "--master", string.Join(',', urls.Select(u => u.ToString().TrimEnd('/'))), "--listen", $"127.0.0.1:{FreePort.Next()}",
                 "--work-dir", Path.Combine(agentDirectory, "agent"), "--hostname", $"host-{i}", "--resources", resources, "--containerizers", "process"],
                AgentBanner));
        }

        var group = new MasterGroup(directory, masterNodes, urls, agentNodes, agentDirectories);
        try
        {
            foreach (var master in masterNodes)
            {
                await master.StartAsync();
                if (master == masterNodes[0])
                {
                    await group.LeaderAsync(); // the first leads, so the order of the group is known
                }
            }

            foreach (var agent in agentNodes)
            {
                await agent.StartAsync();
            }
        }
        catch
        {
            await group.DisposeAsync();
            throw;
        }

        return group;
    }

    /// <summary>An HTTP client of one master that does not follow redirects.</summary>
    public static HttpClient DirectClient(Uri master) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = master, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>Asks master <paramref name="index"/> who leads: the leader's URL, or null (none known, or it is down).</summary>
    public async Task<Uri?> LeaderSeenByAsync(int index)
    {
        using var client = DirectClient(MasterUrls[index]);
        client.Timeout = TimeSpan.FromSeconds(5);
        try
        {
            using var response = await client.GetAsync("/v2/leader");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return null;
            }

            var leader = (string?)(await response.Content.ReadFromJsonAsync<JsonNode>())?["leader"];
            return leader is null ? null : new Uri("http://" + leader);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>
    /// Waits until every running master names the same leader, which itself answers as leader; returns its index.
    /// </summary>
    public async Task<int> LeaderAsync(TimeSpan? timeout = null)
    {
        var answers = "";
        try
        {
            return await Eventually.Until(async () =>
            {
                var running = Enumerable.Range(0, Masters.Count).Where(i => Masters[i].IsRunning).ToList();
                var seen = await Task.WhenAll(running.Select(LeaderSeenByAsync));
                answers = string.Join(", ", running.Select((i, k) => $"{Masters[i].Name}: {seen[k]?.ToString() ?? "none"}"));
                if (seen.Length == 0 || seen.Any(s => s is null) || seen.Distinct().Count() != 1)
                {
                    return -1;
                }

                var index = MasterUrls.ToList().FindIndex(u => u.Authority == seen[0]!.Authority);
                return index >= 0 && Masters[index].IsRunning ? index : -1;
            }, index => index >= 0, "the running masters to agree on a running leader", timeout ?? TimeSpan.FromSeconds(90));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\nwho leads, as each running master says: {answers}\n{Logs()}", e);
        }
    }

    /// <summary>An HTTP client on the leader's API (following redirects, should the leader change).</summary>
    public async Task<HttpClient> LeaderClientAsync() =>
        new() { BaseAddress = MasterUrls[await LeaderAsync()], Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The number of task processes alive on every agent's machine.</summary>
    public int TaskProcessesAlive() => AgentDirectories.Sum(d => TaskProcesses.Alive(d).Count);

    /// <summary>What every process printed, for failure messages.</summary>
    public string Logs(int lines = 40) =>
        string.Join('\n', Masters.Concat(Agents).Select(n => $"--- {n.Name} ---\n{n.Tail(lines)}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        foreach (var node in Agents.Concat(Masters))
        {
            await node.DisposeAsync();
        }

        foreach (var agentDirectory in AgentDirectories)
        {
            TaskProcesses.KillAll(agentDirectory);
        }

        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A task's file still open as it dies; the temp directory is cleaned by the system.
        }
    }
}
