namespace Mesos.Orleans.Core.Apps;

/// <summary>Content equality of the maps and lists inside spec records, which records compare by reference.</summary>
internal static class SpecEquality
{
    private static readonly Dictionary<string, string> NoEntries = [];

    /// <summary>Same entries; a map left out equals an empty one.</summary>
    public static bool Maps(IReadOnlyDictionary<string, string>? a, IReadOnlyDictionary<string, string>? b)
    {
        if (ReferenceEquals(a, b))
        {
            return true;
        }

        var left = a ?? NoEntries;
        var right = b ?? NoEntries;
        return left.Count == right.Count
            && left.All(kv => right.TryGetValue(kv.Key, out var value) && string.Equals(value, kv.Value, StringComparison.Ordinal));
    }

    /// <summary>A hash of the entries that ignores their order.</summary>
    public static int MapHash(IReadOnlyDictionary<string, string>? map) =>
        map?.Aggregate(0, (hash, kv) => hash ^ HashCode.Combine(kv.Key, kv.Value)) ?? 0;

    /// <summary>Same items in the same order; a list left out equals only a list left out.</summary>
    public static bool Lists<T>(IReadOnlyList<T>? a, IReadOnlyList<T>? b) =>
        ReferenceEquals(a, b) || (a is not null && b is not null && a.SequenceEqual(b));

    /// <summary>A hash of the items in order; -1 for a list left out.</summary>
    public static int ListHash<T>(IReadOnlyList<T>? list)
    {
        if (list is null)
        {
            return -1;
        }

        var hash = new HashCode();
        foreach (var item in list)
        {
            hash.Add(item);
        }

        return hash.ToHashCode();
    }
}
