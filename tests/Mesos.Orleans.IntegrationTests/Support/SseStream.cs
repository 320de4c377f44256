using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>A server-sent event stream read in the background; tests wait for the events they expect.</summary>
public sealed class SseStream : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<SseEvent> _events = [];
    private readonly Task _reading;

    private SseStream(HttpClient http, HttpResponseMessage response)
    {
        _http = http;
        _response = response;
        _reading = Task.Run(ReadAsync);
    }

    /// <summary>The events so far, in order.</summary>
    public IReadOnlyList<SseEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Opens <paramref name="url"/> as an event stream (with a bearer token when given).</summary>
    public static async Task<SseStream> OpenAsync(string url, string? token = null)
    {
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        return new SseStream(http, response);
    }

    /// <summary>Waits until the events so far satisfy <paramref name="done"/>; returns them.</summary>
    public Task<IReadOnlyList<SseEvent>> UntilAsync(Func<IReadOnlyList<SseEvent>, bool> done, string expectation) =>
        Eventually.Until(() => Task.FromResult(Events), done, expectation);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _response.Dispose();
        try
        {
            await _reading;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or ObjectDisposedException or HttpRequestException)
        {
            // The stream was closed under the reader.
        }

        _http.Dispose();
        _stop.Dispose();
    }

    private async Task ReadAsync()
    {
        using var reader = new StreamReader(await _response.Content.ReadAsStreamAsync(_stop.Token));
        string? type = null;
        string? data = null;
        while (await reader.ReadLineAsync(_stop.Token) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line["data: ".Length..];
            }
            else if (line.Length == 0 && type is not null && data is not null)
            {
                lock (_events)
                {
                    _events.Add(new SseEvent(type, JsonNode.Parse(data)!));
                }

                (type, data) = (null, null);
            }
        }
    }
}
