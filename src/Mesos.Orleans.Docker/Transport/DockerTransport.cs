using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mesos.Orleans.Docker.Engine;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Json;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>
/// Sends requests to the engine under the negotiated version prefix (<c>/v1.41/…</c>) and turns failures into
/// typed exceptions: non-success answers into <see cref="DockerApiException"/>s, unreachable engines into
/// <see cref="DockerConnectionException"/>.
/// </summary>
internal sealed class DockerTransport : IDisposable
{
    private readonly HttpClient _http;
    private readonly SemaphoreSlim _negotiation = new(1, 1);
    private Version? _apiVersion;

    public DockerTransport(DockerClientOptions options)
    {
        Endpoint = options.Endpoint;
        _apiVersion = options.ApiVersion;
        _http = new HttpClient(DockerHttpHandlerFactory.Create(options.Endpoint, options.ConnectTimeout))
        {
            BaseAddress = DockerHttpHandlerFactory.BaseAddress(options.Endpoint),
            Timeout = Timeout.InfiniteTimeSpan, // streams (events, logs, wait) run as long as the caller wants
        };
    }

    public DockerEndpoint Endpoint { get; }

    public Version? ApiVersion => _apiVersion;

    /// <summary>Picks min(client maximum, engine version) once; fails when the engine is older than the minimum.</summary>
    public async Task<Version> NegotiateAsync(CancellationToken cancellationToken)
    {
        if (_apiVersion is { } known)
        {
            return known;
        }

        await _negotiation.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_apiVersion is null)
            {
                var version = await GetVersionAsync(versioned: false, cancellationToken).ConfigureAwait(false);
                _apiVersion = Choose(version);
            }

            return _apiVersion;
        }
        finally
        {
            _negotiation.Release();
        }
    }

    public async Task<SystemVersion> GetVersionAsync(bool versioned, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, "version", null, versioned, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, DockerJsonContext.Default.SystemVersion, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request to <paramref name="path"/> (without the version prefix; with its query) and returns the answer
    /// when it is a success or one of <paramref name="alsoAccepted"/>; throws the typed error otherwise.
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpMethod method,
        string path,
        HttpContent? content,
        bool versioned,
        HttpCompletionOption completion,
        CancellationToken cancellationToken,
        HttpStatusCode? alsoAccepted = null)
    {
        var prefix = "";
        if (versioned)
        {
            var version = await NegotiateAsync(cancellationToken).ConfigureAwait(false);
            prefix = string.Create(CultureInfo.InvariantCulture, $"v{version.Major}.{version.Minor}/");
        }

        // Not disposed: that would dispose Content, which for a streamed upload (an import) must outlive the answer's
        // headers; contents are byte arrays or streams their callers own.
        var request = new HttpRequestMessage(method, new Uri(prefix + path, UriKind.Relative)) { Content = content };
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new DockerConnectionException($"The Docker engine at {Endpoint} did not answer {method} /{prefix}{path}: {e.Message}", e);
        }

        if (response.IsSuccessStatusCode || response.StatusCode == alsoAccepted)
        {
            return response;
        }

        using (response)
        {
            throw await ToExceptionAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends a request whose answer carries no body of interest; returns its status code.</summary>
    public async Task<HttpStatusCode> SendNoContentAsync(HttpMethod method, string path, CancellationToken cancellationToken, HttpStatusCode? alsoAccepted = null)
    {
        using var response = await SendAsync(method, path, null, versioned: true, HttpCompletionOption.ResponseContentRead, cancellationToken, alsoAccepted).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Sends a request (with an optional JSON body) and reads the JSON answer.</summary>
    public async Task<TResult> SendJsonAsync<TResult>(HttpMethod method, string path, JsonTypeInfo<TResult> resultType, CancellationToken cancellationToken, HttpContent? content = null)
    {
        using var response = await SendAsync(method, path, content, versioned: true, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        return await ReadJsonAsync(response, resultType, cancellationToken).ConfigureAwait(false);
    }

    public static HttpContent JsonContent<T>(T body, JsonTypeInfo<T> type)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, type));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    public static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false)
                ?? throw new DockerException($"The Docker engine answered {response.RequestMessage?.RequestUri} with an empty body");
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _negotiation.Dispose();
    }

    private static Version Choose(SystemVersion engine)
    {
        if (!Version.TryParse(engine.ApiVersion, out var engineVersion))
        {
            throw new DockerApiVersionException($"The Docker engine reported an unreadable API version '{engine.ApiVersion}'");
        }

        if (engineVersion < DockerClient.MinimumApiVersion)
        {
            throw new DockerApiVersionException(
                $"The Docker engine {engine.Version} speaks API {engineVersion}; this client needs at least {DockerClient.MinimumApiVersion}");
        }

        var chosen = engineVersion < DockerClient.MaximumApiVersion ? engineVersion : DockerClient.MaximumApiVersion;
        if (Version.TryParse(engine.MinApiVersion, out var engineMinimum) && chosen < engineMinimum)
        {
            throw new DockerApiVersionException(
                $"The Docker engine {engine.Version} speaks API {engineMinimum} to {engineVersion}; this client speaks {DockerClient.MinimumApiVersion} to {DockerClient.MaximumApiVersion}");
        }

        return chosen;
    }

    private static async Task<DockerApiException> ToExceptionAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = body.Trim();
        try
        {
            if (JsonSerializer.Deserialize(body, DockerJsonContext.Default.DockerErrorBody)?.Message is { } m)
            {
                message = m;
            }
        }
        catch (JsonException)
        {
            // Not JSON (e.g. a proxy's page): keep the raw body.
        }

        return response.StatusCode switch
        {
            HttpStatusCode.NotFound => new DockerNotFoundException(response.StatusCode, message),
            HttpStatusCode.Conflict => new DockerConflictException(response.StatusCode, message),
            _ => new DockerApiException(response.StatusCode, message),
        };
    }
}
