using System.Globalization;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>
/// Where the Docker engine listens: a Unix socket (<c>unix:///var/run/docker.sock</c>, the default) or plain TCP
/// (<c>tcp://host:2375</c>). Read from <c>DOCKER_HOST</c> like the docker CLI does; TLS (<c>DOCKER_TLS_VERIFY</c>) is
/// not supported.
/// </summary>
public sealed record DockerEndpoint
{
    /// <summary>The engine's socket when <c>DOCKER_HOST</c> is not set.</summary>
    public const string DefaultSocketPath = "/var/run/docker.sock";

    /// <summary>The port of <c>tcp://host</c> when none is given (the engine's unencrypted port).</summary>
    public const int DefaultTcpPort = 2375;

    private DockerEndpoint(string? socketPath, string? host, int port)
    {
        SocketPath = socketPath;
        Host = host;
        Port = port;
    }

    /// <summary>The path of the Unix socket, or null for a TCP endpoint.</summary>
    public string? SocketPath { get; }

    /// <summary>The host of a TCP endpoint, or null for a Unix socket.</summary>
    public string? Host { get; }

    /// <summary>The port of a TCP endpoint (0 for a Unix socket).</summary>
    public int Port { get; }

    /// <summary>True when the engine is reached through a Unix socket.</summary>
    public bool IsUnixSocket => SocketPath is not null;

    /// <summary>The default endpoint: the Unix socket at <see cref="DefaultSocketPath"/>.</summary>
    public static DockerEndpoint Default { get; } = Unix(DefaultSocketPath);

    /// <summary>An endpoint at the Unix socket <paramref name="path"/>.</summary>
    public static DockerEndpoint Unix(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return new DockerEndpoint(path, null, 0);
    }

    /// <summary>An endpoint at <paramref name="host"/>:<paramref name="port"/> over plain TCP.</summary>
    public static DockerEndpoint Tcp(string host, int port)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(host);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(port, 65535);
        return new DockerEndpoint(null, host, port);
    }

    /// <summary>
    /// Parses a <c>DOCKER_HOST</c> value: <c>unix:///path</c> or <c>tcp://host[:port]</c> (<c>http://</c> is taken as
    /// <c>tcp://</c>).
    /// </summary>
    /// <exception cref="FormatException">The value is neither form (e.g. <c>ssh://</c>, <c>npipe://</c>).</exception>
    public static DockerEndpoint Parse(string dockerHost)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dockerHost);
        const string UnixScheme = "unix://";
        if (dockerHost.StartsWith(UnixScheme, StringComparison.OrdinalIgnoreCase))
        {
            var path = dockerHost[UnixScheme.Length..];
            if (path.Length == 0 || path[0] != '/')
            {
                throw new FormatException($"DOCKER_HOST '{dockerHost}' must name an absolute socket path: unix:///path");
            }

            return Unix(path);
        }

        if (dockerHost.StartsWith("tcp://", StringComparison.OrdinalIgnoreCase)
            || dockerHost.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            var rest = dockerHost[(dockerHost.IndexOf("://", StringComparison.Ordinal) + 3)..].TrimEnd('/');
            if (!Uri.TryCreate("http://" + rest, UriKind.Absolute, out var uri) || uri.AbsolutePath != "/" || rest.Length == 0)
            {
                throw new FormatException($"DOCKER_HOST '{dockerHost}' is not of the form tcp://host:port");
            }

            var port = uri.IsDefaultPort && !rest.EndsWith(":80", StringComparison.Ordinal) ? DefaultTcpPort : uri.Port;
            return Tcp(uri.IdnHost, port);
        }

        throw new FormatException($"DOCKER_HOST '{dockerHost}' is not supported: use unix:///path or tcp://host:port");
    }

    /// <summary>
    /// The endpoint named by the <c>DOCKER_HOST</c> environment variable, or <see cref="Default"/> when it is unset.
    /// </summary>
    /// <exception cref="NotSupportedException"><c>DOCKER_TLS_VERIFY</c> asks for TLS, which this client lacks.</exception>
    public static DockerEndpoint FromEnvironment()
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_TLS_VERIFY")))
        {
            throw new NotSupportedException("DOCKER_TLS_VERIFY is set, but this Docker client does not speak TLS");
        }

        var dockerHost = Environment.GetEnvironmentVariable("DOCKER_HOST");
        return string.IsNullOrWhiteSpace(dockerHost) ? Default : Parse(dockerHost);
    }

    /// <summary>The endpoint in <c>DOCKER_HOST</c> form.</summary>
    public override string ToString() =>
        IsUnixSocket ? "unix://" + SocketPath : string.Create(CultureInfo.InvariantCulture, $"tcp://{Host}:{Port}");
}
