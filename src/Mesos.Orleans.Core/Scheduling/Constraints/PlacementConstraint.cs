namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>A parsed <c>[field, OPERATOR, value?]</c> constraint with the rule that judges it.</summary>
public sealed record PlacementConstraint(string Field, string Operator, string? Value, IConstraintRule Rule)
{
    /// <summary>True when an instance may go on the agent with <paramref name="hostname"/> and <paramref name="attributes"/>.</summary>
    public bool Allows(string hostname, IReadOnlyDictionary<string, string> attributes, IReadOnlyList<PlacedInstance> placed) =>
        Rule.Allows(ConstraintField.ValueOf(Field, hostname, attributes), placed.Select(p => p.ValueOf(Field)).ToList());

    /// <summary>The constraint as written: <c>[hostname, UNIQUE]</c>.</summary>
    public override string ToString() => Value is null ? $"[{Field}, {Operator}]" : $"[{Field}, {Operator}, {Value}]";
}
