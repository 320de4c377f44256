using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>Whether a Docker engine answers where <c>DOCKER_HOST</c> (or the default socket) says, and which.</summary>
public static class DockerEngineProbe
{
    /// <summary>
    /// The default time an engine gets to answer. Where none runs, the connection is refused at once; an engine that
    /// runs but is busy (creating containers on the vfs driver) took more than 3 s to answer three requests.
    /// </summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Connects to the engine; the result holds a client (the caller disposes it) or why there is none.</summary>
    public static async Task<DockerEngineConnection> ConnectAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        DockerClient client;
        try
        {
            client = new DockerClient(new DockerClientOptions { ConnectTimeout = timeout });
        }
        catch (Exception e) when (e is FormatException or NotSupportedException)
        {
            return new DockerEngineConnection(null, Environment.GetEnvironmentVariable("DOCKER_HOST") ?? DockerEndpoint.Default.ToString(), null, e.Message);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await client.PingAsync(deadline.Token).ConfigureAwait(false);
            var version = await client.GetVersionAsync(deadline.Token).ConfigureAwait(false);
            await client.NegotiateApiVersionAsync(deadline.Token).ConfigureAwait(false);
            return new DockerEngineConnection(client, client.Endpoint.ToString(), $"{version.Version} (API {client.ApiVersion})", null);
        }
        catch (Exception e) when (e is DockerException or HttpRequestException or IOException
            || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var endpoint = client.Endpoint.ToString();
            client.Dispose();
            return new DockerEngineConnection(null, endpoint, null, e is OperationCanceledException ? $"no answer within {timeout.TotalSeconds} s" : e.Message);
        }
    }
}

/// <summary>A Docker engine that answered (<see cref="Client"/> set), or where none did and why.</summary>
public sealed record DockerEngineConnection(DockerClient? Client, string Endpoint, string? Version, string? Error);
