using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Mesos.Orleans.Docker.Errors;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>Reads a stream of newline-delimited JSON documents (events, pull progress) as they arrive.</summary>
internal static class JsonLinesReader
{
    public static async IAsyncEnumerable<T> ReadAsync<T>(
        Stream stream,
        JsonTypeInfo<T> type,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 4096, leaveOpen: true);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            T? item;
            try
            {
                item = JsonSerializer.Deserialize(line, type);
            }
            catch (JsonException e)
            {
                throw new DockerException($"The Docker engine sent an unreadable stream line: {line}", e);
            }

            if (item is not null)
            {
                yield return item;
            }
        }
    }
}
