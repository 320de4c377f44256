namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary><c>MAX_PER n</c>: at most <c>n</c> instances share a value of the field.</summary>
public sealed class MaxPerRule(int max) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) =>
        candidate is not null && placed.Count(v => v == candidate) < max;

    /// <inheritdoc />
    public string Describe(string field) => max == 1 ? $"a {field} without an instance" : $"a {field} with fewer than {max} instances";
}
