using System.Runtime.CompilerServices;
using Mesos.Orleans.Docker.Json;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Docker.Events;

/// <summary>The engine's event stream (<c>GET /events</c>).</summary>
public sealed class EventOperations
{
    private readonly DockerTransport _transport;

    internal EventOperations(DockerTransport transport) => _transport = transport;

    /// <summary>
    /// Streams events matching <paramref name="filters"/> (e.g. <c>type=container</c>, <c>label=app=web</c>,
    /// <c>event=die</c>) as they happen. The request is made on the first <c>MoveNextAsync</c>; to be sure not to miss
    /// an event that happens about then, pass a <paramref name="since"/> before it (past events are replayed). Without
    /// <paramref name="until"/> the sequence runs until the caller cancels.
    /// </summary>
    public async IAsyncEnumerable<DockerEvent> StreamAsync(
        DockerFilters? filters = null,
        DateTimeOffset? since = null,
        DateTimeOffset? until = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = new QueryBuilder().Add("since", since).Add("until", until).Add("filters", filters);
        using var response = await _transport.SendAsync(HttpMethod.Get, "events" + query, null, versioned: true, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            await foreach (var item in JsonLinesReader.ReadAsync(stream, DockerJsonContext.Default.DockerEvent, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }
}
