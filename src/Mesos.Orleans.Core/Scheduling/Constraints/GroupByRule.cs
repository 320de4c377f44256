namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>
/// <c>GROUP_BY [n]</c>: spread instances evenly over the field's values — a value is acceptable while no other has
/// fewer instances; with <c>n</c>, instances go to new values until <c>n</c> values are in use.
/// </summary>
public sealed class GroupByRule(int? groups) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed)
    {
        if (candidate is null)
        {
            return false;
        }

        var counts = placed.OfType<string>().GroupBy(v => v).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var mine = counts.GetValueOrDefault(candidate);
        if (groups is { } n && counts.Count < n)
        {
            return mine == 0; // values still missing: take a new one
        }

        return counts.Count == 0 || mine <= counts.Values.Min();
    }

    /// <inheritdoc />
    public string Describe(string field) =>
        $"a {field} that keeps the instances spread evenly" + (groups is { } n ? $" over {n} values" : "");
}
