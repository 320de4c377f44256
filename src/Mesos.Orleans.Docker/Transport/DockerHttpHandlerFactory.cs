using System.Net.Sockets;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>Creates the HTTP handler that reaches an endpoint: a Unix socket through a connect callback, or TCP.</summary>
internal static class DockerHttpHandlerFactory
{
    /// <summary>The base address requests are made against (the host part is ignored for a Unix socket).</summary>
    public static Uri BaseAddress(DockerEndpoint endpoint) =>
        endpoint.IsUnixSocket ? new Uri("http://docker.sock/") : new Uri($"http://{endpoint.Host}:{endpoint.Port}/");

    public static SocketsHttpHandler Create(DockerEndpoint endpoint, TimeSpan connectTimeout)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            UseProxy = false,
            AllowAutoRedirect = false,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        };

        if (endpoint.SocketPath is { } path)
        {
            handler.ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellationToken).ConfigureAwait(false);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            };
        }

        return handler;
    }
}
