using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Testing.Docker;

/// <summary>The Docker containers an agent made, found by the label the Docker containerizer gives them.</summary>
public static class DockerContainers
{
    /// <summary>The label naming a container's agent (the Docker containerizer's <c>DockerLabels.AgentId</c>).</summary>
    public const string AgentLabel = "mesos-orleans.agent-id";

    /// <summary>The label naming a container's task.</summary>
    public const string TaskLabel = "mesos-orleans.task-id";

    /// <summary>The label naming a container's app.</summary>
    public const string AppLabel = "mesos-orleans.app-id";

    /// <summary>Force-removes every container of <paramref name="agentId"/>; nothing when no engine answers.</summary>
    public static async Task RemoveAllOfAgentAsync(string agentId)
    {
        try
        {
            using var client = new DockerClient(new DockerClientOptions { ConnectTimeout = TimeSpan.FromSeconds(2) });
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            foreach (var container in await client.Containers.ListAsync(DockerFilters.Label(AgentLabel, agentId), all: true, cts.Token).ConfigureAwait(false))
            {
                try
                {
                    await client.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true, cts.Token).ConfigureAwait(false);
                }
                catch (DockerApiException)
                {
                    // Removed meanwhile.
                }
            }
        }
        catch (Exception e) when (e is DockerConnectionException or OperationCanceledException or FormatException or NotSupportedException)
        {
            // No engine: no containers.
        }
    }
}
