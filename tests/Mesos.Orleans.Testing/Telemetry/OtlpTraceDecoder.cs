namespace Mesos.Orleans.Testing.Telemetry;

/// <summary>A span as an OTLP exporter sent it.</summary>
public sealed record ExportedSpan(
    string TraceId,
    string SpanId,
    string? ParentSpanId,
    string Name,
    int Kind,
    ulong StartUnixNano,
    ulong EndUnixNano,
    IReadOnlyDictionary<string, object?> Attributes,
    IReadOnlyList<ExportedLink> Links,
    int StatusCode,
    string Scope,
    IReadOnlyDictionary<string, object?> Resource)
{
    /// <summary>An attribute as text, or null.</summary>
    public string? Attribute(string name) => Attributes.TryGetValue(name, out var value) ? Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    /// <inheritdoc />
    public override string ToString() => $"{Scope} '{Name}' {TraceId}/{SpanId} parent {ParentSpanId ?? "-"}";
}

/// <summary>A link of an exported span.</summary>
public sealed record ExportedLink(string TraceId, string SpanId);

/// <summary>
/// Decodes OTLP's <c>ExportTraceServiceRequest</c> (opentelemetry/proto/collector/trace/v1) from its protobuf
/// encoding: resource spans → scope spans → spans, with attributes, links and status.
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<ExportedSpan> Decode(ReadOnlySpan<byte> request)
    {
        var spans = new List<ExportedSpan>();
        var reader = new ProtoReader(request);
        while (reader.Next(out var field, out var type))
        {
            if (field == 1 && type == ProtoReader.WireType.LengthDelimited)
            {
                ResourceSpans(reader.ReadBytes(), spans);
            }
            else
            {
                reader.Skip(type);
            }
        }

        return spans;
    }

    private static void ResourceSpans(ReadOnlySpan<byte> data, List<ExportedSpan> spans)
    {
        var resource = new Dictionary<string, object?>(StringComparer.Ordinal);
        var scopes = new List<byte[]>();
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1 when type == ProtoReader.WireType.LengthDelimited:
                    Attributes(reader.ReadBytes(), attributeField: 1, resource);
                    break;
                case 2 when type == ProtoReader.WireType.LengthDelimited:
                    scopes.Add(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        foreach (var scope in scopes)
        {
            ScopeSpans(scope, resource, spans);
        }
    }

    private static void ScopeSpans(ReadOnlySpan<byte> data, IReadOnlyDictionary<string, object?> resource, List<ExportedSpan> spans)
    {
        var name = "";
        var encoded = new List<byte[]>();
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1 when type == ProtoReader.WireType.LengthDelimited:
                    name = ScopeName(reader.ReadBytes());
                    break;
                case 2 when type == ProtoReader.WireType.LengthDelimited:
                    encoded.Add(reader.ReadBytes().ToArray());
                    break;
                default:
                    reader.Skip(type);
                    break;
            }
        }

        spans.AddRange(encoded.Select(e => Span(e, name, resource)));
    }

    private static string ScopeName(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            if (field == 1 && type == ProtoReader.WireType.LengthDelimited)
            {
                return reader.ReadString();
            }

            reader.Skip(type);
        }

        return "";
    }

    private static ExportedSpan Span(ReadOnlySpan<byte> data, string scope, IReadOnlyDictionary<string, object?> resource)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null;
        int kind = 0, status = 0;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var links = new List<ExportedLink>();
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case 2: spanId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case 4:
                    var bytes = reader.ReadBytes();
                    parent = bytes.Length == 0 ? null : Convert.ToHexStringLower(bytes);
                    break;
                case 5: name = reader.ReadString(); break;
                case 6: kind = (int)reader.ReadVarint(); break;
                case 7: start = reader.ReadFixed64(); break;
                case 8: end = reader.ReadFixed64(); break;
                case 9: KeyValue(reader.ReadBytes(), attributes); break;
                case 13: links.Add(Link(reader.ReadBytes())); break;
                case 15: status = StatusCode(reader.ReadBytes()); break;
                default: reader.Skip(type); break;
            }
        }

        return new ExportedSpan(traceId, spanId, parent, name, kind, start, end, attributes, links, status, scope, resource);
    }

    private static ExportedLink Link(ReadOnlySpan<byte> data)
    {
        string traceId = "", spanId = "";
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                case 2: spanId = Convert.ToHexStringLower(reader.ReadBytes()); break;
                default: reader.Skip(type); break;
            }
        }

        return new ExportedLink(traceId, spanId);
    }

    private static int StatusCode(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        var code = 0;
        while (reader.Next(out var field, out var type))
        {
            if (field == 3 && type == ProtoReader.WireType.Varint)
            {
                code = (int)reader.ReadVarint();
            }
            else
            {
                reader.Skip(type);
            }
        }

        return code;
    }

    // A message whose field attributeField holds KeyValue entries (a Resource: field 1).
    private static void Attributes(ReadOnlySpan<byte> data, int attributeField, Dictionary<string, object?> into)
    {
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            if (field == attributeField && type == ProtoReader.WireType.LengthDelimited)
            {
                KeyValue(reader.ReadBytes(), into);
            }
            else
            {
                reader.Skip(type);
            }
        }
    }

    private static void KeyValue(ReadOnlySpan<byte> data, Dictionary<string, object?> into)
    {
        var key = "";
        object? value = null;
        var reader = new ProtoReader(data);
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1: key = reader.ReadString(); break;
                case 2: value = AnyValue(reader.ReadBytes()); break;
                default: reader.Skip(type); break;
            }
        }

        into[key] = value;
    }

    private static object? AnyValue(ReadOnlySpan<byte> data)
    {
        var reader = new ProtoReader(data);
        object? value = null;
        while (reader.Next(out var field, out var type))
        {
            switch (field)
            {
                case 1: value = reader.ReadString(); break;
                case 2: value = reader.ReadVarint() != 0; break;
                case 3: value = (long)reader.ReadVarint(); break;
                case 4: value = BitConverter.UInt64BitsToDouble(reader.ReadFixed64()); break;
                default: reader.Skip(type); break; // arrays, key-value lists and bytes: not used by our spans
            }
        }

        return value;
    }
}
