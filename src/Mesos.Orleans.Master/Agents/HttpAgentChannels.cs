using System.Net.Http.Headers;
using System.Net.Http.Json;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// The master's channels to agents over HTTP: launch and kill posted to the agent's endpoint, presenting the agent
/// token. One <see cref="HttpClient"/> for every agent (pooled connections, no thread or socket kept per agent
/// beyond the pool's idle limit); a channel is only an address.
/// </summary>
public sealed class HttpAgentChannels : IAgentChannelFactory, IDisposable
{
    /// <summary>The agent's route for launches.</summary>
    public const string LaunchPath = "api/v1/agent/launch";

    /// <summary>The agent's route for kills.</summary>
    public const string KillPath = "api/v1/agent/kill";

    private readonly HttpClient _http;
    private readonly AuthenticationHeaderValue? _authorization;

    /// <summary>Channels presenting <paramref name="agentToken"/> (none when null); each call may take <paramref name="timeout"/>.</summary>
    public HttpAgentChannels(string? agentToken, TimeSpan timeout)
    {
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AllowAutoRedirect = false,
            // Calls beyond this wait for a connection instead of opening more: a burst of launches to agents behind
            // one address (`agent --simulate`) otherwise opened thousands at once and overflowed its listen backlog.
            MaxConnectionsPerServer = AgentChannelLimits.MaxConnectionsPerAddress,
        })
        {
            Timeout = timeout,
        };
        _authorization = agentToken is null ? null : new AuthenticationHeaderValue("Bearer", agentToken);
    }

    /// <inheritdoc />
    public IAgentChannel Open(string agentId, string endpoint) => new Channel(this, RootOf(agentId, endpoint));

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    /// <summary>The agent's endpoint as the base of its routes.</summary>
    internal static Uri RootOf(string agentId, string endpoint)
    {
        if (!Uri.TryCreate(endpoint.EndsWith('/') ? endpoint : endpoint + "/", UriKind.Absolute, out var root) || root.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"agent {agentId}: '{endpoint}' is not an http(s) URL", nameof(endpoint));
        }

        return root;
    }

    /// <summary>Sends <paramref name="request"/> on the shared client, presenting the agent token.</summary>
    internal Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = _authorization;
        return _http.SendAsync(request, cancellationToken);
    }

    private async Task PostAsync<T>(Uri root, string path, T body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(root, path)) { Content = JsonContent.Create(body, options: Json.Options) };
        using var response = await SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new HttpRequestException($"the agent at {root} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
        }
    }

    private sealed class Channel(HttpAgentChannels channels, Uri root) : IAgentChannel
    {
        public Task LaunchAsync(LaunchTasksRequest request, CancellationToken cancellationToken) =>
            channels.PostAsync(root, LaunchPath, request, cancellationToken);

        public Task KillAsync(KillTaskRequest request, CancellationToken cancellationToken) =>
            channels.PostAsync(root, KillPath, request, cancellationToken);
    }
}
