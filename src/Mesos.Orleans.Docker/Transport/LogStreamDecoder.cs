using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>
/// Decodes a container's output stream. Without a TTY the engine multiplexes stdout and stderr into frames of an
/// 8-byte header — stream type, three zero bytes, big-endian uint32 payload size — and the payload. With a TTY the
/// stream is the raw terminal output, all of it reported as <see cref="LogStreamType.Stdout"/>.
/// </summary>
internal static class LogStreamDecoder
{
    /// <summary>The largest frame accepted; the engine writes frames of at most a few tens of KiB.</summary>
    public const int MaxFrameSize = 64 * 1024 * 1024;

    private const int HeaderSize = 8;
    private const int RawChunkSize = 16 * 1024;

    public static IAsyncEnumerable<LogFrame> ReadAsync(Stream stream, bool multiplexed, CancellationToken cancellationToken) =>
        multiplexed ? ReadFramesAsync(stream, cancellationToken) : ReadRawAsync(stream, cancellationToken);

    private static async IAsyncEnumerable<LogFrame> ReadFramesAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var header = new byte[HeaderSize];
        while (true)
        {
            var read = await stream.ReadAtLeastAsync(header, HeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                yield break;
            }

            if (read < HeaderSize)
            {
                throw new EndOfStreamException($"The multiplexed stream ended inside a frame header ({read} of {HeaderSize} bytes)");
            }

            if (header[0] > (byte)LogStreamType.SystemError || header[1] != 0 || header[2] != 0 || header[3] != 0)
            {
                throw new InvalidDataException(
                    $"Not a multiplexed stream frame header: {Convert.ToHexString(header)} (is the container's output a TTY?)");
            }

            var size = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4));
            if (size > MaxFrameSize)
            {
                throw new InvalidDataException($"A multiplexed stream frame of {size} bytes exceeds the limit of {MaxFrameSize}");
            }

            if (size == 0)
            {
                continue;
            }

            var payload = new byte[size];
            await stream.ReadExactlyAsync(payload, cancellationToken).ConfigureAwait(false);
            yield return new LogFrame((LogStreamType)header[0], payload);
        }
    }

    private static async IAsyncEnumerable<LogFrame> ReadRawAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[RawChunkSize];
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            yield return new LogFrame(LogStreamType.Stdout, buffer.AsSpan(0, read).ToArray());
        }
    }
}
