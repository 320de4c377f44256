namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary><c>UNIQUE</c>: no two instances share the field's value.</summary>
public sealed class UniqueRule : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) => candidate is not null && !placed.Contains(candidate);

    /// <inheritdoc />
    public string Describe(string field) => $"a {field} no other instance has";
}
