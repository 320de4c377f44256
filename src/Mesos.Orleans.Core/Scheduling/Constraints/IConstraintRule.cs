namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>One of Marathon's constraint operators: whether a value is acceptable given the values already placed.</summary>
public interface IConstraintRule
{
    /// <summary>
    /// True when an instance may go on an agent whose field is <paramref name="candidate"/> (null: the agent lacks
    /// the attribute), given the field's values on the app's agents already (<paramref name="placed"/>).
    /// </summary>
    bool Allows(string? candidate, IReadOnlyList<string?> placed);

    /// <summary>
    /// What the rule asks of an agent, for people, to follow "no agent offered has": "a hostname no other instance
    /// has", "rack like rack-[ab]".
    /// </summary>
    string Describe(string field);
}
