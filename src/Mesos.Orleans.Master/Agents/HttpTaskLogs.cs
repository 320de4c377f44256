using System.Globalization;
using System.Net;
using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// Tasks' logs read from their agents' endpoints over HTTP, on the client and token of <see cref="HttpAgentChannels"/>.
/// A log is a stream that fetches the chunk at its position on each read (<see cref="TaskLogReads"/>): nothing is
/// held open on the agent between reads, and a read at the end sees what the task wrote since.
/// </summary>
public sealed class HttpTaskLogs(HttpAgentChannels channels) : ITaskLogsFactory
{
    /// <inheritdoc />
    public ITaskLogs Open(string agentId, string endpoint) => new AgentLogs(channels, HttpAgentChannels.RootOf(agentId, endpoint));

    private sealed class AgentLogs(HttpAgentChannels channels, Uri root) : ITaskLogs
    {
        public async Task<Stream?> OpenLogAsync(string taskId, TaskLogStream stream, CancellationToken cancellationToken)
        {
            var log = new AgentLogStream(channels, root, taskId, stream);
            // An empty read: is there a sandbox, and how large is the log now (for a tail).
            return await log.FetchAsync(Memory<byte>.Empty, cancellationToken) is null ? null : log;
        }
    }

    /// <summary>A read-only view of one log on the agent; seeking only moves where the next read starts.</summary>
    private sealed class AgentLogStream(HttpAgentChannels channels, Uri root, string taskId, TaskLogStream stream) : Stream
    {
        private long _position;
        private long _size;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        /// <summary>The log's size when last read.</summary>
        public override long Length => _size;

        public override long Position
        {
            get => _position;
            set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), "a position is 0 or more");
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.IsEmpty)
            {
                return 0;
            }

            var chunk = buffer[..Math.Min(buffer.Length, TaskLogReads.MaxLength)];
            return await FetchAsync(chunk, cancellationToken)
                ?? throw new IOException($"the log of task '{taskId}' is gone from its agent (its sandbox was collected)");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        // Reading blocks on the network: only the asynchronous reads are offered.
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException("read the log asynchronously");

        public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _size + offset,
        };

        public override void Flush()
        {
        }

        public override void SetLength(long value) => throw new NotSupportedException("the log is read-only");

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("the log is read-only");

        /// <summary>Reads the chunk at the position into <paramref name="into"/> and moves past it: how many bytes, null when the agent has no such log.</summary>
        public async Task<int?> FetchAsync(Memory<byte> into, CancellationToken cancellationToken)
        {
            var path = TaskLogReads.PathOf(taskId, stream, _position, into.Length);
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(root, path));
            using var response = await channels.SendAsync(request, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                throw new HttpRequestException($"the agent at {root} answered {(int)response.StatusCode}: {text}", null, response.StatusCode);
            }

            if (!response.Headers.TryGetValues(TaskLogReads.SizeHeader, out var sizes)
                || !long.TryParse(sizes.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var size))
            {
                throw new HttpRequestException($"the agent at {root} answered a log read without its {TaskLogReads.SizeHeader}");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            var read = 0;
            while (read < into.Length)
            {
                var n = await body.ReadAsync(into[read..], cancellationToken);
                if (n == 0)
                {
                    break;
                }

                read += n;
            }

            _size = size;
            _position += read;
            return read;
        }
    }
}
