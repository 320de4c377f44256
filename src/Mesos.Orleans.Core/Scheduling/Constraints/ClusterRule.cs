namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>
/// <c>CLUSTER value</c>: every instance where the field is <c>value</c>; without a value, every instance where the
/// first one went.
/// </summary>
public sealed class ClusterRule(string? value) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) =>
        candidate is not null && (value is not null ? candidate == value : placed.Count == 0 || placed.Contains(candidate));

    /// <inheritdoc />
    public string Describe(string field) => value is null ? $"the same {field} as the other instances" : $"{field} {value}";
}
