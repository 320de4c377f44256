namespace Mesos.Orleans.Core.Resources;

/// <summary>An inclusive range of integer values, such as the ports 31000-32000.</summary>
public readonly record struct ValueRange
{
    /// <summary>Creates the range [<paramref name="begin"/>, <paramref name="end"/>].</summary>
    public ValueRange(long begin, long end)
    {
        if (end < begin)
        {
            throw new ArgumentException($"range end {end} is below its begin {begin}", nameof(end));
        }

        Begin = begin;
        End = end;
    }

    /// <summary>The first value in the range.</summary>
    public long Begin { get; }

    /// <summary>The last value in the range (inclusive).</summary>
    public long End { get; }

    /// <summary>How many values the range holds.</summary>
    public long Count => End - Begin + 1;

    /// <inheritdoc />
    public override string ToString() => Begin == End ? $"{Begin}" : $"{Begin}-{End}";
}
