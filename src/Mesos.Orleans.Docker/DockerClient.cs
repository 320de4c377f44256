using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Engine;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Events;
using Mesos.Orleans.Docker.Images;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Docker;

/// <summary>
/// A client of the Docker Engine API over a Unix socket or TCP. Negotiates the API version on first use
/// (min(<see cref="MaximumApiVersion"/>, the engine's), at least <see cref="MinimumApiVersion"/>). Thread-safe; one
/// per engine is enough. Failures are <see cref="DockerException"/>s.
/// </summary>
public sealed class DockerClient : IDisposable
{
    private readonly DockerTransport _transport;

    /// <summary>A client of the engine named by <c>DOCKER_HOST</c> (or the default socket).</summary>
    public DockerClient()
        : this(new DockerClientOptions())
    {
    }

    /// <summary>A client configured by <paramref name="options"/>.</summary>
    public DockerClient(DockerClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ApiVersion is { } pinned && pinned < MinimumApiVersion)
        {
            throw new ArgumentException($"API version {pinned} is older than the minimum {MinimumApiVersion}", nameof(options));
        }

        _transport = new DockerTransport(options);
        Images = new ImageOperations(_transport);
        Containers = new ContainerOperations(_transport);
        Events = new EventOperations(_transport);
    }

    /// <summary>The oldest API version this client speaks (Docker 20.10).</summary>
    public static Version MinimumApiVersion { get; } = new(1, 41);

    /// <summary>The newest API version this client speaks.</summary>
    public static Version MaximumApiVersion { get; } = new(1, 45);

    /// <summary>Where the engine is reached.</summary>
    public DockerEndpoint Endpoint => _transport.Endpoint;

    /// <summary>The API version in use: pinned by the options or negotiated; null before the first request.</summary>
    public Version? ApiVersion => _transport.ApiVersion;

    /// <summary>The image endpoints.</summary>
    public ImageOperations Images { get; }

    /// <summary>The container endpoints.</summary>
    public ContainerOperations Containers { get; }

    /// <summary>The event stream.</summary>
    public EventOperations Events { get; }

    /// <summary>Completes when the engine answers <c>GET /_ping</c> with OK.</summary>
    /// <exception cref="DockerConnectionException">No engine answers at <see cref="Endpoint"/>.</exception>
    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        using var response = await _transport.SendAsync(HttpMethod.Get, "_ping", null, versioned: false, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!string.Equals(body.Trim(), "OK", StringComparison.Ordinal))
        {
            throw new DockerException($"The Docker engine at {Endpoint} answered the ping with '{body}' instead of OK");
        }
    }

    /// <summary>The engine's release and API versions (<c>GET /version</c>).</summary>
    public Task<SystemVersion> GetVersionAsync(CancellationToken cancellationToken = default) =>
        _transport.GetVersionAsync(versioned: false, cancellationToken);

    /// <summary>Negotiates the API version now (otherwise the first request does) and returns it.</summary>
    /// <exception cref="DockerApiVersionException">The engine is older than <see cref="MinimumApiVersion"/>.</exception>
    public Task<Version> NegotiateApiVersionAsync(CancellationToken cancellationToken = default) =>
        _transport.NegotiateAsync(cancellationToken);

    /// <summary>Closes the client's connections.</summary>
    public void Dispose() => _transport.Dispose();
}
