namespace Mesos.Orleans.Docker.Transport;

/// <summary>How a <see cref="DockerClient"/> reaches the engine and which API version it speaks.</summary>
public sealed record DockerClientOptions
{
    /// <summary>The engine's endpoint; by default the one named by <c>DOCKER_HOST</c> (see <see cref="DockerEndpoint.FromEnvironment"/>).</summary>
    public DockerEndpoint Endpoint { get; init; } = DockerEndpoint.FromEnvironment();

    /// <summary>
    /// A fixed API version to speak, skipping negotiation; null (the default) negotiates on first use:
    /// min(<see cref="DockerClient.MaximumApiVersion"/>, the engine's version).
    /// </summary>
    public Version? ApiVersion { get; init; }

    /// <summary>How long to wait for a connection to the engine.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);
}
