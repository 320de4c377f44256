using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Scheduling.Constraints;

namespace Mesos.Orleans.Core.Tests.Support;

/// <summary>Constraints and the agents they judge, written <c>"host attr=value …"</c>.</summary>
internal static class ConstraintTesting
{
    /// <summary>A constraint that must be valid: <c>Constraint("rack", "GROUP_BY", "3")</c>.</summary>
    public static PlacementConstraint Constraint(params string[] parts) => Assert.Single(ConstraintRules.Parse([parts]));

    /// <summary>An instance placed on <paramref name="agent"/>.</summary>
    public static PlacedInstance On(string agent)
    {
        var (hostname, attributes) = Cluster.ParseAgent(agent);
        return new PlacedInstance(hostname, attributes);
    }

    /// <summary>True when <paramref name="constraint"/> lets an instance go on <paramref name="agent"/>, given instances on <paramref name="placed"/>.</summary>
    public static bool Allows(string[] constraint, string agent, params string[] placed)
    {
        var (hostname, attributes) = Cluster.ParseAgent(agent);
        return Constraint(constraint).Allows(hostname, attributes, [.. placed.Select(On)]);
    }

    /// <summary>What validation says of <paramref name="constraints"/> as a spec's <c>constraints</c>.</summary>
    public static IReadOnlyList<FieldError> Errors(params string[][] constraints)
    {
        var errors = new ValidationErrors();
        ConstraintRules.ParseAll(constraints, FieldPath.Of("spec", "constraints"), errors);
        return errors.All;
    }
}
