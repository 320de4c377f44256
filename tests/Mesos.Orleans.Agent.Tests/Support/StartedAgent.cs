using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Agent.Tests.Support;

/// <summary>
/// A real agent with the process containerizer, over a work directory of its own, started and registered with
/// <c>master</c>. Disposing it stops it and removes the directory.
/// </summary>
internal sealed class StartedAgent : IAsyncDisposable
{
    private StartedAgent(string directory, ProcessContainerizer process, AgentService agent)
    {
        Directory = directory;
        Process = process;
        Agent = agent;
    }

    /// <summary>The agent's work directory.</summary>
    public string Directory { get; }

    /// <summary>Its process containerizer.</summary>
    public ProcessContainerizer Process { get; }

    /// <summary>The agent.</summary>
    public AgentService Agent { get; }

    /// <summary>Starts an agent offering <paramref name="resources"/> and waits until it registered.</summary>
    public static async Task<StartedAgent> StartAsync(IMasterChannel master, string resources = "cpus:1;mem:128")
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("mesos-orleans-agent-").FullName;
        var process = new ProcessContainerizer(Path.Combine(directory, "containers", "process"), NullLogger.Instance, TimeProvider.System);
        var agent = new AgentService(
            new AgentOptions { WorkDirectory = directory, Resources = ResourceSet.Parse(resources) },
            master, [process], NullLoggerFactory.Instance, TimeProvider.System);
        await agent.StartAsync(CancellationToken.None);
        await agent.Registered.WaitAsync(TimeSpan.FromSeconds(30));
        return new StartedAgent(directory, process, agent);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await Agent.StopAsync(CancellationToken.None);
        Agent.Dispose();
        Process.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
