namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary><c>IS value</c>: the field's value is exactly <c>value</c>.</summary>
public sealed class IsRule(string value) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) => candidate == value;

    /// <inheritdoc />
    public string Describe(string field) => $"{field} {value}";
}
