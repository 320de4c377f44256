using System.Text;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>
/// A piece of a container's output and the stream it came from. Pieces are not lines: a line (or a UTF-8 character)
/// may be split across pieces.
/// </summary>
/// <param name="Stream">The stream the bytes came from.</param>
/// <param name="Payload">The bytes.</param>
public sealed record LogFrame(LogStreamType Stream, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The bytes decoded as UTF-8 (only safe when the piece holds whole characters).</summary>
    public string Text => Encoding.UTF8.GetString(Payload.Span);
}
