using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// The location of a field inside a document, as a list of property names and array indexes. It renders as
/// <c>spec.portDefinitions[0].name</c> for the declarative API and as Marathon's
/// <c>/portDefinitions(0)/name</c> for <c>/v2</c>.
/// </summary>
public sealed class FieldPath : IEquatable<FieldPath>
{
    private readonly ImmutableArray<object> _segments;

    private FieldPath(ImmutableArray<object> segments) => _segments = segments;

    /// <summary>The document itself.</summary>
    public static FieldPath Root { get; } = new([]);

    /// <summary>The segments: strings for properties, ints for indexes.</summary>
    public IReadOnlyList<object> Segments => _segments;

    /// <summary>A path from property names and indexes.</summary>
    public static FieldPath Of(params object[] segments) => new([.. segments]);

    /// <summary>This path with a property appended.</summary>
    public FieldPath Property(string name) => new(_segments.Add(name));

    /// <summary>This path with an array index appended.</summary>
    public FieldPath Index(int index) => new(_segments.Add(index));

    /// <summary>This path without its first <paramref name="count"/> segments.</summary>
    public FieldPath Skip(int count) => new([.. _segments.Skip(count)]);

    /// <summary>This path under <paramref name="prefix"/>.</summary>
    public FieldPath Under(FieldPath prefix) => new(prefix._segments.AddRange(_segments));

    /// <summary>True when this path starts with <paramref name="prefix"/>.</summary>
    public bool StartsWith(FieldPath prefix) =>
        prefix._segments.Length <= _segments.Length
        && prefix._segments.Select((s, i) => s.Equals(_segments[i])).All(same => same);

    /// <summary>The dotted form: <c>spec.portDefinitions[0].name</c>; the root is empty.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment is int i)
            {
                sb.Append(CultureInfo.InvariantCulture, $"[{i}]");
            }
            else
            {
                sb.Append(sb.Length > 0 ? "." : "").Append((string)segment);
            }
        }

        return sb.ToString();
    }

    /// <summary>Marathon's form: <c>/portDefinitions(0)/name</c>; the root is <c>/</c>.</summary>
    public string ToMarathon()
    {
        var sb = new StringBuilder();
        foreach (var segment in _segments)
        {
            if (segment is int i)
            {
                sb.Append(CultureInfo.InvariantCulture, $"({i})");
            }
            else
            {
                sb.Append('/').Append((string)segment);
            }
        }

        return sb.Length == 0 ? "/" : sb.ToString();
    }

    /// <inheritdoc />
    public bool Equals(FieldPath? other) => other is not null && _segments.SequenceEqual(other._segments);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as FieldPath);

    /// <inheritdoc />
    public override int GetHashCode() => ToString().GetHashCode(StringComparison.Ordinal);
}
