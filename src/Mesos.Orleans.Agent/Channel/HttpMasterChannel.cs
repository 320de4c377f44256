using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Serialization;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Channel;

/// <summary>
/// The agent's channel to the masters over HTTP. It talks to whichever master leads: a 307 names the leader (its
/// <c>Location</c>), which is then asked directly; a 503 (not leading, not ready) or a connection failure moves on
/// to the next master of the list. When none answers the call fails, and its caller retries with backoff
/// (registration, status updates) or on its next period (pings).
/// </summary>
public sealed partial class HttpMasterChannel : IMasterChannel, IDisposable
{
    private const int MaxRedirects = 3;
    /// <summary>The most connections kept to a master; further calls wait for one.</summary>
    public const int MaxConnections = AgentChannelLimits.MaxConnectionsPerAddress;

    private readonly HttpClient _http;
    private readonly IReadOnlyList<Uri> _masters;
    private readonly AuthenticationHeaderValue? _authorization;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private int _next;
    private Uri? _leader;

    /// <summary>A channel to <paramref name="masters"/> (base URLs), presenting <paramref name="agentToken"/> when given.</summary>
    public HttpMasterChannel(IReadOnlyList<Uri> masters, string? agentToken, ILogger<HttpMasterChannel> logger, TimeSpan? timeout = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(masters.Count);
        _masters = [.. masters.Select(Root)];
        _authorization = agentToken is null ? null : new AuthenticationHeaderValue("Bearer", agentToken);
        _logger = logger;
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false, // a redirect changes which master this channel talks to, not just this call
            // Calls beyond this wait for a connection instead of opening more: the agents of `agent --simulate` share
            // this channel, and a burst of their updates otherwise overflowed the master's listen backlog.
            MaxConnectionsPerServer = MaxConnections,
        })
        {
            Timeout = timeout ?? TimeSpan.FromSeconds(30),
        };
    }

    /// <summary>The master the next call goes to.</summary>
    public Uri Current
    {
        get
        {
            lock (_lock)
            {
                return _leader ?? _masters[_next];
            }
        }
    }

    /// <inheritdoc />
    public Task<RegisterAgentResponse> RegisterAsync(RegisterAgentRequest request, CancellationToken cancellationToken) =>
        PostAsync<RegisterAgentRequest, RegisterAgentResponse>("api/v1/agents/register", request, cancellationToken);

    /// <inheritdoc />
    public Task<HeartbeatResponse> HeartbeatAsync(HeartbeatRequest request, CancellationToken cancellationToken) =>
        PostAsync<HeartbeatRequest, HeartbeatResponse>($"api/v1/agents/{Uri.EscapeDataString(request.AgentId)}/heartbeat", request, cancellationToken);

    /// <inheritdoc />
    public Task<StatusUpdateAck> SendStatusUpdatesAsync(StatusUpdateBatch batch, CancellationToken cancellationToken) =>
        PostAsync<StatusUpdateBatch, StatusUpdateAck>($"api/v1/agents/{Uri.EscapeDataString(batch.AgentId)}/status", batch, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private async Task<TResponse> PostAsync<TRequest, TResponse>(string path, TRequest body, CancellationToken cancellationToken)
    {
        string? lastProblem = null;
        for (int attempt = 0; attempt < _masters.Count + MaxRedirects; attempt++)
        {
            var master = Current;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(master, path)) { Content = JsonContent.Create(body, options: Json.Options) };
                request.Headers.Authorization = _authorization;
                using var response = await _http.SendAsync(request, cancellationToken);
                switch (response.StatusCode)
                {
                    case HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect when response.Headers.Location is { } location:
                        FollowLeader(master, location);
                        continue;
                    case HttpStatusCode.ServiceUnavailable:
                        lastProblem = $"{master} is not serving (503)";
                        MoveOn(master, lastProblem);
                        continue;
                    case HttpStatusCode.Unauthorized:
                        throw new HttpRequestException($"the master at {master} refused this agent's token (401): check --agent-token", null, response.StatusCode);
                }

                if (!response.IsSuccessStatusCode)
                {
                    var text = await response.Content.ReadAsStringAsync(cancellationToken);
                    throw new HttpRequestException($"the master at {master} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
                }

                return await response.Content.ReadFromJsonAsync<TResponse>(Json.Options, cancellationToken)
                    ?? throw new HttpRequestException($"the master at {master} answered with an empty body");
            }
            catch (HttpRequestException e) when (e.StatusCode is null)
            {
                lastProblem = $"{master}: {e.Message}";
                MoveOn(master, lastProblem);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lastProblem = $"{master} did not answer within {_http.Timeout.TotalSeconds:0.#} s";
                MoveOn(master, lastProblem);
            }
        }

        throw new HttpRequestException($"no master answered ({string.Join(", ", _masters)}); last: {lastProblem}");
    }

    // A redirect names the leader: its scheme and authority, whatever path it carries.
    private void FollowLeader(Uri from, Uri location)
    {
        var absolute = location.IsAbsoluteUri ? location : new Uri(from, location);
        var leader = new Uri(absolute.GetLeftPart(UriPartial.Authority) + "/");
        lock (_lock)
        {
            _leader = leader;
        }

        LogFollowing(_logger, from, leader);
    }

    private void MoveOn(Uri failed, string why)
    {
        lock (_lock)
        {
            if (_leader == failed)
            {
                // The leader we were sent to is gone: back to the list, past the master that sent us there (its
                // word may be stale until its own lease runs out).
                _leader = null;
                _next = (_next + 1) % _masters.Count;
            }
            else if (_masters[_next] == failed)
            {
                _next = (_next + 1) % _masters.Count;
            }
        }

        LogMovingOn(_logger, why, Current);
    }

    private static Uri Root(Uri master) => new(master.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");

    [LoggerMessage(Level = LogLevel.Information, Message = "Master {From} redirects to the leader {Leader}")]
    private static partial void LogFollowing(ILogger logger, Uri from, Uri leader);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Why}; trying {Next}")]
    private static partial void LogMovingOn(ILogger logger, string why, Uri next);
}
