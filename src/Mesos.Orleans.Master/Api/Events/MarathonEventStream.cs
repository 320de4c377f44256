using System.Text;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary>
/// <c>GET /v2/events</c>: Marathon's event bus as server-sent events. Each event is <c>event: &lt;type&gt;</c> and
/// <c>data: &lt;json&gt;</c>; <c>event_type</c> parameters (repeatable) keep only those types. The first event is
/// <c>event_stream_attached</c>; a comment every 15 s keeps idle connections (and proxies) alive.
/// </summary>
internal static class MarathonEventStream
{
    /// <summary>How many events may wait for one client before it is dropped.</summary>
    public const int ClientCapacity = 4096;

    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(HttpContext context, MarathonEventBus bus)
    {
        var types = context.Request.Query["event_type"].OfType<string>().Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        using var lifetime = StreamLifetime.For(context);
        var aborted = lifetime.Token;
        using var subscription = bus.Subscribe(ClientCapacity);

        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache, no-store";
        var attached = new EventStreamAttachedEvent
        {
            RemoteAddress = context.Connection.RemoteIpAddress?.ToString() ?? "",
            Timestamp = bus.Time.GetUtcNow(),
        };
        await WriteAsync(response, MarathonEventBus.Frame(attached), types, aborted);

        var reader = subscription.Changes;
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                beat.CancelAfter(Heartbeat);
                bool more;
                try
                {
                    more = await reader.WaitToReadAsync(beat.Token);
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.WriteAsync(":\n\n", aborted);
                    await response.Body.FlushAsync(aborted);
                    continue;
                }

                if (!more)
                {
                    return; // dropped for falling behind: the client reconnects, as Marathon's clients do
                }

                while (reader.TryRead(out var frame))
                {
                    await WriteAsync(response, frame, types, aborted, flush: false);
                }

                await response.Body.FlushAsync(aborted);
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client left, or the master stops.
        }
        catch (View.ChangeFeedOverflowException)
        {
            // Dropped for falling behind: the stream ends.
        }
    }

    private static async Task WriteAsync(HttpResponse response, MarathonEventFrame frame, HashSet<string> types, CancellationToken aborted, bool flush = true)
    {
        if (types.Count > 0 && !types.Contains(frame.EventType))
        {
            return;
        }

        var text = new StringBuilder(frame.Data.Length + frame.EventType.Length + 16)
            .Append("event: ").Append(frame.EventType).Append('\n')
            .Append("data: ").Append(frame.Data).Append("\n\n")
            .ToString();
        await response.WriteAsync(text, aborted);
        if (flush)
        {
            await response.Body.FlushAsync(aborted);
        }
    }
}
