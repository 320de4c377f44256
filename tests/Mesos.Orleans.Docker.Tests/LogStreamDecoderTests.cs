using System.Text;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Transport;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

public sealed class LogStreamDecoderTests
{
    [Fact]
    public async Task LogStreamDecoder_SplitsMultiplexedFramesByStream()
    {
        var bytes = Concat(Frame(1, "out one\n"), Frame(2, "err one\n"), Frame(1, "out two\n"));

        var frames = await DecodeAsync(new MemoryStream(bytes), multiplexed: true);

        Assert.Equal(
            [(LogStreamType.Stdout, "out one\n"), (LogStreamType.Stderr, "err one\n"), (LogStreamType.Stdout, "out two\n")],
            frames.Select(f => (f.Stream, f.Text)));
    }

    [Fact]
    public async Task LogStreamDecoder_ReassemblesFramesArrivingOneByteAtATime()
    {
        var bytes = Concat(Frame(2, "split across reads"), Frame(1, "x"));

        var frames = await DecodeAsync(new OneByteStream(bytes), multiplexed: true);

        Assert.Equal([(LogStreamType.Stderr, "split across reads"), (LogStreamType.Stdout, "x")], frames.Select(f => (f.Stream, f.Text)));
    }

    [Fact]
    public async Task LogStreamDecoder_SkipsEmptyFrames()
    {
        var frames = await DecodeAsync(new MemoryStream(Concat(Frame(1, ""), Frame(1, "a"))), multiplexed: true);

        Assert.Equal(["a"], frames.Select(f => f.Text));
    }

    [Fact]
    public async Task LogStreamDecoder_ReadsALargeFrameWhole()
    {
        var payload = new string('z', 200_000);

        var frames = await DecodeAsync(new MemoryStream(Frame(1, payload)), multiplexed: true);

        Assert.Equal([payload], frames.Select(f => f.Text));
    }

    [Fact]
    public async Task LogStreamDecoder_RejectsAStreamEndingInsideAHeader() =>
        await Assert.ThrowsAsync<EndOfStreamException>(() => DecodeAsync(new MemoryStream([1, 0, 0, 0, 0]), multiplexed: true));

    [Fact]
    public async Task LogStreamDecoder_RejectsAStreamEndingInsideAPayload() =>
        await Assert.ThrowsAsync<EndOfStreamException>(() => DecodeAsync(new MemoryStream(Frame(1, "truncated")[..12]), multiplexed: true));

    [Fact]
    public async Task LogStreamDecoder_RejectsRawTextReadAsMultiplexed() =>
        await Assert.ThrowsAsync<InvalidDataException>(() => DecodeAsync(new MemoryStream("plain tty output\n"u8.ToArray()), multiplexed: true));

    [Fact]
    public async Task LogStreamDecoder_ReportsRawTtyOutputAsStdout()
    {
        var frames = await DecodeAsync(new MemoryStream("tty line\r\n"u8.ToArray()), multiplexed: false);

        Assert.Equal([(LogStreamType.Stdout, "tty line\r\n")], frames.Select(f => (f.Stream, f.Text)));
    }

    private static async Task<List<LogFrame>> DecodeAsync(Stream stream, bool multiplexed)
    {
        var frames = new List<LogFrame>();
        await foreach (var frame in LogStreamDecoder.ReadAsync(stream, multiplexed, CancellationToken.None))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static byte[] Frame(byte stream, string text)
    {
        var payload = Encoding.UTF8.GetBytes(text);
        var size = payload.Length;
        return [stream, 0, 0, 0, (byte)(size >> 24), (byte)(size >> 16), (byte)(size >> 8), (byte)size, .. payload];
    }

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];

    /// <summary>A stream that hands out at most one byte per read, like a slow socket.</summary>
    private sealed class OneByteStream(byte[] data) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, 1));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, 1)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, 1)], cancellationToken);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            base.ReadAsync(buffer, offset, Math.Min(count, 1), cancellationToken);
    }
}
