using System.Text.RegularExpressions;

namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>
/// <c>UNLIKE regex</c>: the field's value does not match (an agent without the attribute qualifies); a match that times
/// out refuses.
/// </summary>
public sealed class UnlikeRule(Regex pattern) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) => candidate is null || ConstraintRules.Matches(pattern, candidate) == false;

    /// <inheritdoc />
    public string Describe(string field) => $"{field} unlike {ConstraintRules.Source(pattern)}";
}
