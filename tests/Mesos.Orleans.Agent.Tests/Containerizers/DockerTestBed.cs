using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Testing.Docker;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>
/// Docker containerizers on the real engine (<see cref="TestDockerEngine.Shared"/>) for one test: a scratch
/// directory for sandboxes and an agent id of its own, so its containers are found by label. Disposing stops the
/// containerizers and force-removes every container of that agent id.
/// </summary>
internal sealed class DockerTestBed : IAsyncDisposable
{
    /// <summary>How long a test waits for anything before failing; generous for a loaded 2-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<DockerContainerizer> _containerizers = [];

    private DockerTestBed(TestDockerEngine engine)
    {
        Engine = engine;
        BaseDirectory = Directory.CreateTempSubdirectory("mesos-orleans-docker-tests-").FullName;
    }

    public TestDockerEngine Engine { get; }

    public DockerClient Client => Engine.Client;

    /// <summary>The agent id this bed's containers carry.</summary>
    public string AgentId { get; } = "test-agent-" + TestDockerEngine.NewRunId();

    public string BaseDirectory { get; }

    public static async Task<DockerTestBed> StartAsync() => new(await TestDockerEngine.Shared);

    public string SandboxOf(string taskId) => Path.Combine(BaseDirectory, "sandboxes", taskId);

    /// <summary>A containerizer of this bed's agent (a second one stands for the agent after a restart).</summary>
    public DockerContainerizer NewContainerizer(DockerContainerizerOptions? options = null)
    {
        var containerizer = new DockerContainerizer(Client, () => AgentId, options ?? new DockerContainerizerOptions(), NullLogger.Instance, TimeProvider.System);
        _containerizers.Add(containerizer);
        return containerizer;
    }

    /// <summary>A launch of <paramref name="command"/> (a shell line) in <paramref name="container"/> (default: the test image on the host network).</summary>
    public ContainerLaunch Shell(string taskId, string command, double memMb = 32, TaskContainer? container = null)
    {
        var sandbox = SandboxOf(taskId);
        Directory.CreateDirectory(sandbox);
        var task = new TaskLaunch
        {
            TaskId = taskId,
            FrameworkId = "framework-1",
            AppId = "/docker-tests",
            Command = new CommandSpec { Shell = true, Value = command },
            Resources = new ResourceSet(cpus: 0.5, mem: memMb, disk: 0),
            Container = container ?? new TaskContainer { Image = TestDockerEngine.TestImage },
        };
        return new ContainerLaunch(taskId, task, sandbox, new Dictionary<string, string> { ["MESOS_AGENT_ID"] = AgentId });
    }

    /// <summary>The engine's containers of this bed's agent running <paramref name="taskId"/> (stopped ones too).</summary>
    public async Task<IReadOnlyList<string>> ContainersOfAsync(string taskId) =>
        [.. (await Client.Containers.ListAsync(DockerFilters.Label(DockerLabels.AgentId, AgentId).AddLabel(DockerLabels.TaskId, taskId))).Select(c => c.Id)];

    /// <summary>Waits until the sandbox file <paramref name="name"/> of the task holds <paramref name="text"/>; returns it.</summary>
    public async Task<string> WaitForOutputAsync(string taskId, string name, string text)
    {
        var path = Path.Combine(SandboxOf(taskId), name);
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            var content = File.Exists(path) ? await ReadSharedAsync(path) : "";
            if (content.Contains(text, StringComparison.Ordinal))
            {
                return content;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} did not come to hold '{text}'; it holds '{content}'");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Reads a sandbox file the containerizer may still be writing.</summary>
    public static async Task<string> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        return await reader.ReadToEndAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var containerizer in _containerizers)
        {
            containerizer.Dispose();
        }

        await Engine.RemoveContainersAsync(DockerLabels.AgentId, AgentId);
        try
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A copy still closing its files; the temp directory is cleaned eventually.
        }
    }
}
