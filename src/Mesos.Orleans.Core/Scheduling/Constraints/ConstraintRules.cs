using System.Globalization;
using System.Text.RegularExpressions;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>
/// Marathon's constraint operators and their rules for values: parses <c>[field, OPERATOR, value?]</c> into a
/// <see cref="PlacementConstraint"/>, or reports what is wrong with it and where.
/// </summary>
public static class ConstraintRules
{
    /// <summary>The operators there are.</summary>
    public static readonly IReadOnlyList<string> Operators = ["UNIQUE", "CLUSTER", "GROUP_BY", "LIKE", "UNLIKE", "MAX_PER", "IS"];

    private static readonly TimeSpan RegexTimeout = TimeSpan.FromMilliseconds(100);

    /// <summary>Parses every constraint of a spec; problems go to <paramref name="errors"/> under <paramref name="at"/>.</summary>
    public static IReadOnlyList<PlacementConstraint> ParseAll(IReadOnlyList<IReadOnlyList<string>>? constraints, FieldPath at, ValidationErrors errors)
    {
        var parsed = new List<PlacementConstraint>();
        for (int i = 0; i < (constraints?.Count ?? 0); i++)
        {
            if (TryParse(constraints![i], at.Index(i), errors) is { } constraint)
            {
                parsed.Add(constraint);
            }
        }

        return parsed;
    }

    /// <summary>Parses constraints already known to be valid (a stored spec).</summary>
    public static IReadOnlyList<PlacementConstraint> Parse(IReadOnlyList<IReadOnlyList<string>>? constraints)
    {
        var errors = new ValidationErrors();
        var parsed = ParseAll(constraints, FieldPath.Root, errors);
        return errors.IsEmpty ? parsed : throw new FormatException(string.Join("; ", errors.All));
    }

    /// <summary>Parses one constraint, or reports why it is not one.</summary>
    public static PlacementConstraint? TryParse(IReadOnlyList<string> parts, FieldPath at, ValidationErrors errors)
    {
        if (parts.Count is < 2 or > 3)
        {
            errors.Add(at, $"a constraint is [field, OPERATOR] or [field, OPERATOR, value], not {parts.Count} item{(parts.Count == 1 ? "" : "s")}");
            return null;
        }

        var (field, op, value) = (parts[0], parts[1], parts.Count == 3 ? parts[2] : null);
        if (string.IsNullOrWhiteSpace(field))
        {
            errors.Add(at.Index(0), "the field must not be empty (hostname, or an agent attribute)");
            return null;
        }

        IConstraintRule? rule = op switch
        {
            "UNIQUE" => value is null ? new UniqueRule() : Fail("UNIQUE takes no value"),
            "CLUSTER" => new ClusterRule(value),
            "GROUP_BY" => value is null ? new GroupByRule(null) : PositiveInt(value) is { } groups ? new GroupByRule(groups) : Fail($"GROUP_BY's value is a number of groups (1 or more), not '{value}'"),
            "LIKE" => Pattern(value) is { } like ? new LikeRule(like) : null,
            "UNLIKE" => Pattern(value) is { } unlike ? new UnlikeRule(unlike) : null,
            "MAX_PER" => PositiveInt(value) is { } max ? new MaxPerRule(max) : Fail($"MAX_PER needs a number of instances (1 or more), not '{value ?? "nothing"}'"),
            "IS" => value is not null ? new IsRule(value) : Fail("IS needs a value"),
            _ => null,
        };
        if (!Operators.Contains(op))
        {
            errors.Add(at.Index(1), $"unknown operator '{op}' (known: {string.Join(", ", Operators)})");
        }

        return rule is null ? null : new PlacementConstraint(field, op, value, rule);

        IConstraintRule? Fail(string message)
        {
            errors.Add(at.Index(parts.Count == 3 ? 2 : 1), message);
            return null;
        }

        Regex? Pattern(string? text)
        {
            if (text is null)
            {
                Fail($"{op} needs a regular expression");
                return null;
            }

            try
            {
                // On its own first: "a)|(b" would compile inside the anchors and escape them. \z, not $, which also
                // matches before a final newline.
                _ = new Regex(text, RegexOptions.CultureInvariant);
                return new Regex($"^(?:{text})\\z", RegexOptions.CultureInvariant, RegexTimeout);
            }
            catch (ArgumentException e)
            {
                Fail($"'{text}' is not a valid regular expression: {e.Message}");
                return null;
            }
        }
    }

    /// <summary>The pattern as the user wrote it (without the anchors added around it).</summary>
    internal static string Source(Regex pattern) => pattern.ToString()[4..^3];

    /// <summary>
    /// Whether <paramref name="value"/> matches the whole of <paramref name="pattern"/>; null when matching took too
    /// long (a pattern that backtracks without end must not stall matching for every app).
    /// </summary>
    internal static bool? Matches(Regex pattern, string value)
    {
        try
        {
            return pattern.IsMatch(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    private static int? PositiveInt(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 ? n : null;
}
