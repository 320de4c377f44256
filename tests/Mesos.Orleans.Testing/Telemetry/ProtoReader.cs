namespace Mesos.Orleans.Testing.Telemetry;

/// <summary>
/// A minimal reader of the protobuf wire format: varints, fixed 32/64-bit values and length-delimited fields —
/// enough to decode OTLP's messages without a protobuf library. Unknown fields are skipped, as protobuf does.
/// </summary>
public ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    /// <summary>The wire types of protobuf.</summary>
    public enum WireType
    {
        Varint = 0,
        Fixed64 = 1,
        LengthDelimited = 2,
        Fixed32 = 5,
    }

    /// <summary>Reads the next field's key; false at the end of the message.</summary>
    public bool Next(out int field, out WireType type)
    {
        if (_position >= _data.Length)
        {
            field = 0;
            type = 0;
            return false;
        }

        var key = ReadVarint();
        field = (int)(key >> 3);
        type = (WireType)(key & 7);
        if (field == 0 || type is not (WireType.Varint or WireType.Fixed64 or WireType.LengthDelimited or WireType.Fixed32))
        {
            throw new FormatException($"malformed protobuf field key {key} at byte {_position}");
        }

        return true;
    }

    /// <summary>Reads a varint (int32, int64, uint, bool, enum).</summary>
    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (_position >= _data.Length)
            {
                throw new FormatException("truncated varint");
            }

            var b = _data[_position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new FormatException("varint longer than 10 bytes");
    }

    /// <summary>Reads a fixed 64-bit value (fixed64, sfixed64, double).</summary>
    public ulong ReadFixed64()
    {
        var value = BitConverter.ToUInt64(Take(8));
        return BitConverter.IsLittleEndian ? value : System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(value);
    }

    /// <summary>Reads a length-delimited field's bytes (a string, bytes, or an embedded message).</summary>
    public ReadOnlySpan<byte> ReadBytes() => Take(checked((int)ReadVarint()));

    /// <summary>Reads a length-delimited field as UTF-8 text.</summary>
    public string ReadString() => System.Text.Encoding.UTF8.GetString(ReadBytes());

    /// <summary>Skips a field of wire type <paramref name="type"/>.</summary>
    public void Skip(WireType type)
    {
        switch (type)
        {
            case WireType.Varint:
                ReadVarint();
                break;
            case WireType.Fixed64:
                Take(8);
                break;
            case WireType.Fixed32:
                Take(4);
                break;
            default:
                ReadBytes();
                break;
        }
    }

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || _position + count > _data.Length)
        {
            throw new FormatException($"field of {count} bytes runs past the end of the message ({_data.Length - _position} left)");
        }

        var slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }
}
