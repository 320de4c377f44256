using System.Collections;
using System.Globalization;
using System.Text;

namespace Mesos.Orleans.Core.Resources;

/// <summary>
/// An immutable set of integer values kept as sorted, disjoint, non-adjacent ranges (Mesos' RANGES resource).
/// </summary>
public sealed class RangeSet : IEquatable<RangeSet>, IEnumerable<ValueRange>
{
    private readonly ValueRange[] _ranges;

    /// <summary>The empty set.</summary>
    public static RangeSet Empty { get; } = new([]);

    private RangeSet(ValueRange[] normalized)
    {
        _ranges = normalized;
        Count = normalized.Sum(r => r.Count);
    }

    /// <summary>Builds a set from ranges in any order, merging overlaps and neighbours.</summary>
    public static RangeSet Of(IEnumerable<ValueRange> ranges) => new(Normalize(ranges));

    /// <summary>Builds a set holding exactly the given values.</summary>
    public static RangeSet OfValues(IEnumerable<long> values) => Of(values.Select(v => new ValueRange(v, v)));

    /// <summary>A set of one range.</summary>
    public static RangeSet Of(long begin, long end) => new([new ValueRange(begin, end)]);

    /// <summary>How many values the set holds.</summary>
    public long Count { get; }

    /// <summary>True when the set holds no value.</summary>
    public bool IsEmpty => _ranges.Length == 0;

    /// <summary>The ranges, sorted and disjoint.</summary>
    public IReadOnlyList<ValueRange> Ranges => _ranges;

    /// <summary>True when <paramref name="value"/> is in the set.</summary>
    public bool Contains(long value)
    {
        int lo = 0, hi = _ranges.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            var r = _ranges[mid];
            if (value < r.Begin)
            {
                hi = mid - 1;
            }
            else if (value > r.End)
            {
                lo = mid + 1;
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>True when every value of <paramref name="other"/> is in this set.</summary>
    public bool Contains(RangeSet other)
    {
        // Both are sorted: walk them together.
        int i = 0;
        foreach (var r in other._ranges)
        {
            while (i < _ranges.Length && _ranges[i].End < r.Begin)
            {
                i++;
            }

            if (i == _ranges.Length || _ranges[i].Begin > r.Begin || _ranges[i].End < r.End)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The union of both sets.</summary>
    public RangeSet Union(RangeSet other) =>
        other.IsEmpty ? this : IsEmpty ? other : Of(_ranges.Concat(other._ranges));

    /// <summary>This set without the values of <paramref name="other"/>.</summary>
    public RangeSet Subtract(RangeSet other)
    {
        if (other.IsEmpty || IsEmpty)
        {
            return this;
        }

        var result = new List<ValueRange>(_ranges.Length + 1);
        int j = 0;
        foreach (var r in _ranges)
        {
            long begin = r.Begin;
            while (j < other._ranges.Length && other._ranges[j].End < begin)
            {
                j++;
            }

            int k = j;
            while (begin <= r.End && k < other._ranges.Length && other._ranges[k].Begin <= r.End)
            {
                var cut = other._ranges[k];
                if (cut.Begin > begin)
                {
                    result.Add(new ValueRange(begin, cut.Begin - 1));
                }

                begin = Math.Max(begin, cut.End + 1);
                if (cut.End <= r.End)
                {
                    k++;
                }
                else
                {
                    break;
                }
            }

            if (begin <= r.End)
            {
                result.Add(new ValueRange(begin, r.End));
            }
        }

        return new RangeSet([.. result]);
    }

    /// <summary>The values common to both sets.</summary>
    public RangeSet Intersect(RangeSet other) => Subtract(Subtract(other));

    /// <summary>The lowest <paramref name="count"/> values of the set, or null when it holds fewer.</summary>
    public IReadOnlyList<long>? TakeLowest(int count)
    {
        if (count > Count)
        {
            return null;
        }

        var taken = new List<long>(count);
        foreach (var r in _ranges)
        {
            for (long v = r.Begin; v <= r.End && taken.Count < count; v++)
            {
                taken.Add(v);
            }

            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    /// <summary>Parses Mesos' text form, e.g. <c>[31000-32000, 8080-8080]</c> or <c>31000-32000,8080</c>.</summary>
    public static bool TryParse(string text, out RangeSet set, out string? error)
    {
        set = Empty;
        error = null;
        var body = text.Trim();
        if (body.StartsWith('[') && body.EndsWith(']'))
        {
            body = body[1..^1];
        }

        var ranges = new List<ValueRange>();
        foreach (var part in body.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var bounds = part.Split('-', StringSplitOptions.TrimEntries);
            if (bounds.Length is < 1 or > 2
                || !long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var begin)
                || !long.TryParse(bounds[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                error = $"'{part}' is not a range like 31000-32000";
                return false;
            }

            if (end < begin)
            {
                error = $"range '{part}' ends before it begins";
                return false;
            }

            ranges.Add(new ValueRange(begin, end));
        }

        set = Of(ranges);
        return true;
    }

    /// <summary>Parses Mesos' text form or throws <see cref="FormatException"/>.</summary>
    public static RangeSet Parse(string text) =>
        TryParse(text, out var set, out var error) ? set : throw new FormatException(error);

    private static ValueRange[] Normalize(IEnumerable<ValueRange> ranges)
    {
        var sorted = ranges.OrderBy(r => r.Begin).ToList();
        var merged = new List<ValueRange>(sorted.Count);
        foreach (var r in sorted)
        {
            if (merged.Count > 0 && r.Begin <= merged[^1].End + 1)
            {
                var last = merged[^1];
                merged[^1] = new ValueRange(last.Begin, Math.Max(last.End, r.End));
            }
            else
            {
                merged.Add(r);
            }
        }

        return [.. merged];
    }

    /// <inheritdoc />
    public bool Equals(RangeSet? other) => other is not null && _ranges.AsSpan().SequenceEqual(other._ranges);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as RangeSet);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var r in _ranges)
        {
            hash.Add(r);
        }

        return hash.ToHashCode();
    }

    /// <summary>Mesos' text form: <c>[31000-32000, 8080-8080]</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("[");
        for (int i = 0; i < _ranges.Length; i++)
        {
            if (i > 0)
            {
                sb.Append(", ");
            }

            sb.Append(CultureInfo.InvariantCulture, $"{_ranges[i].Begin}-{_ranges[i].End}");
        }

        return sb.Append(']').ToString();
    }

    /// <inheritdoc />
    public IEnumerator<ValueRange> GetEnumerator() => ((IEnumerable<ValueRange>)_ranges).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
