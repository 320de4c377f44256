using System.Text.RegularExpressions;

namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary><c>LIKE regex</c>: the field's value matches the regular expression (whole value); a match that times out refuses.</summary>
public sealed class LikeRule(Regex pattern) : IConstraintRule
{
    /// <inheritdoc />
    public bool Allows(string? candidate, IReadOnlyList<string?> placed) => candidate is not null && ConstraintRules.Matches(pattern, candidate) == true;

    /// <inheritdoc />
    public string Describe(string field) => $"{field} like {ConstraintRules.Source(pattern)}";
}
