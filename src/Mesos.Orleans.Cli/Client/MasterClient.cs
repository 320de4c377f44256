using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Cli.Client;

/// <summary>A typed client of the master's declarative API, as the CLI uses it.</summary>
/// <param name="server">The master's URL.</param>
/// <param name="token">The bearer token to present, when the master wants one.</param>
public sealed class MasterClient(Uri server, string? token = null) : IDisposable
{
    /// <summary>The environment variable that names the master when <c>--server</c> is not given.</summary>
    public const string ServerVariable = "MESOS_ORLEANS_SERVER";

    /// <summary>The environment variable that holds the bearer token when neither <c>--token</c> nor <c>--token-file</c> is given.</summary>
    public const string TokenVariable = "MESOS_ORLEANS_TOKEN";

    /// <summary>Where <c>up</c> listens by default.</summary>
    public const string DefaultServer = "http://127.0.0.1:5050";

    private readonly HttpClient _http = Create(server, token, TimeSpan.FromSeconds(60));

    // Watches last as long as the user wants: no timeout.
    private readonly Lazy<HttpClient> _streaming = new(() => Create(server, token, Timeout.InfiniteTimeSpan));

    /// <summary>The master's address.</summary>
    public Uri Server => server;

    /// <summary>Applies manifest documents (each a JSON tree) in one request.</summary>
    public Task<ApplyResponse> ApplyAsync(IReadOnlyList<JsonNode?> documents, CancellationToken cancellationToken) =>
        SendAsync<ApplyResponse>(HttpMethod.Post, "apis/v1/apply", new JsonArray([.. documents.Select(d => d?.DeepClone())]).ToJsonString(), cancellationToken);

    /// <summary>Every app, as raw JSON (for printing as it is).</summary>
    public Task<JsonNode> ListAsync(string path, CancellationToken cancellationToken) => SendAsync<JsonNode>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>An object by path, as raw JSON.</summary>
    public Task<JsonNode> GetAsync(string path, CancellationToken cancellationToken) => SendAsync<JsonNode>(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>One app.</summary>
    public Task<AppResource> GetAppAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<AppResource>(HttpMethod.Get, AppPath(name), null, cancellationToken);

    /// <summary>The instances of one app.</summary>
    public async Task<IReadOnlyList<InstanceSnapshot>> GetAppTasksAsync(string name, CancellationToken cancellationToken) =>
        (await SendAsync<ItemList<InstanceSnapshot>>(HttpMethod.Get, AppPath(name) + "/tasks", null, cancellationToken)).Items;

    /// <summary>The recent events of one app.</summary>
    public async Task<IReadOnlyList<AppEvent>> GetAppEventsAsync(string name, CancellationToken cancellationToken) =>
        (await SendAsync<ItemList<AppEvent>>(HttpMethod.Get, AppPath(name) + "/events", null, cancellationToken)).Items;

    /// <summary>Deletes an app.</summary>
    public Task<DeleteResponse> DeleteAppAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<DeleteResponse>(HttpMethod.Delete, AppPath(name), null, cancellationToken);

    /// <summary>Sets an app's number of instances.</summary>
    public Task<AppResource> ScaleAppAsync(string name, int instances, CancellationToken cancellationToken) =>
        SendAsync<AppResource>(HttpMethod.Put, AppPath(name) + "/scale", JsonSerializer.Serialize(new ScaleRequest(instances), Json.Options), cancellationToken);

    /// <summary>The app's stored versions, newest first.</summary>
    public async Task<IReadOnlyList<AppVersionResource>> GetVersionsAsync(string name, CancellationToken cancellationToken) =>
        (await SendAsync<ItemList<AppVersionResource>>(HttpMethod.Get, AppPath(name) + "/versions", null, cancellationToken)).Items;

    /// <summary>Rolls the app back to a version's config (the previous config when null).</summary>
    public Task<ApplyItemResult> RollbackAsync(string name, long? toVersion, CancellationToken cancellationToken) =>
        SendAsync<ApplyItemResult>(HttpMethod.Post, AppPath(name) + "/rollback", JsonSerializer.Serialize(new RollbackRequest(toVersion), Json.Options), cancellationToken);

    /// <summary>Replaces every instance of the app.</summary>
    public Task<ApplyItemResult> RestartAsync(string name, CancellationToken cancellationToken) =>
        SendAsync<ApplyItemResult>(HttpMethod.Post, AppPath(name) + "/restart", "{}", cancellationToken);

    /// <summary>Cancels the app's deployment: rolls it back, or with <paramref name="force"/> leaves it where it is.</summary>
    public Task<DeploymentStatus> CancelDeploymentAsync(string name, bool force, CancellationToken cancellationToken) =>
        SendAsync<DeploymentStatus>(HttpMethod.Delete, AppPath(name) + $"/deployment?force={(force ? "true" : "false")}", null, cancellationToken);

    /// <summary>
    /// Copies a task's output (<c>/apis/v1/apps/{name}/logs</c>) to <paramref name="destination"/> as it comes: the
    /// newest task of the app unless <paramref name="taskId"/> names one; the last <paramref name="tail"/> lines;
    /// with <paramref name="follow"/>, until the task ends or <paramref name="cancellationToken"/> says stop.
    /// </summary>
    public async Task CopyLogsAsync(string name, string? taskId, bool stderr, int? tail, bool follow, Stream destination, CancellationToken cancellationToken)
    {
        var query = new List<string> { "stream=" + (stderr ? "stderr" : "stdout") };
        if (taskId is not null)
        {
            query.Add("task=" + Uri.EscapeDataString(taskId));
        }

        if (tail is { } lines)
        {
            query.Add("tail=" + lines.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (follow)
        {
            query.Add("follow=true");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, AppPath(name) + "/logs?" + string.Join('&', query));
        using (var response = await OpenStreamAsync(request, cancellationToken))
        {

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                await destination.FlushAsync(cancellationToken); // a follower sees each line as it comes
            }
        }
    }

    // Sends a request whose answer is read as it comes: the response once its headers are in, or the master's refusal.
    private async Task<HttpResponseMessage> OpenStreamAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _streaming.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException($"cannot reach the master at {server}: {e.Message}", e);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                throw new ApiException((int)response.StatusCode, ParseError(response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken)));
            }
        }

        return response;
    }

    /// <summary>
    /// Follows a watch (<c>?watch=true</c>): each line of the answer as it comes, until the master ends it or
    /// <paramref name="cancellationToken"/> does.
    /// </summary>
    public async IAsyncEnumerable<JsonNode> WatchAsync(string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path + (path.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "watch=true");
        using (var response = await OpenStreamAsync(request, cancellationToken))
        {

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken));
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    yield return JsonNode.Parse(line)!;
                }
            }
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _http.Dispose();
        if (_streaming.IsValueCreated)
        {
            _streaming.Value.Dispose();
        }
    }

    private static HttpClient Create(Uri server, string? token, TimeSpan timeout)
    {
        var http = new HttpClient { BaseAddress = server, Timeout = timeout };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return http;
    }

    private static string AppPath(string name) => "apis/v1/apps/" + string.Join('/', name.Trim('/').Split('/').Select(Uri.EscapeDataString));

    private async Task<T> SendAsync<T>(HttpMethod method, string path, string? json, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException($"cannot reach the master at {server}: {e.Message}", e);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new ApiException((int)response.StatusCode, ParseError(response.StatusCode, body));
            }

            return JsonSerializer.Deserialize<T>(body, Json.Options) ?? throw new ApiException($"the master answered {path} with nothing");
        }
    }

    private static ApiError ParseError(HttpStatusCode status, string body)
    {
        try
        {
            return JsonSerializer.Deserialize<ApiError>(body, Json.Options) ?? new ApiError($"HTTP {(int)status}");
        }
        catch (JsonException)
        {
            return new ApiError($"HTTP {(int)status}: {(body.Length > 200 ? body[..200] : body)}");
        }
    }
}
