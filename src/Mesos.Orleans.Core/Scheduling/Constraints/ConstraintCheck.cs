using Mesos.Orleans.Core.Allocation;

namespace Mesos.Orleans.Core.Scheduling.Constraints;

/// <summary>
/// The placement check for constraints: an instance may go on an offer's agent when each of its app's constraints
/// allows it, given where the app's instances run and where this round already placed others of the same app.
/// </summary>
public sealed class ConstraintCheck : IPlacementCheck
{
    /// <summary>The check (it has no state).</summary>
    public static ConstraintCheck Instance { get; } = new();

    /// <inheritdoc />
    public bool Allows(LaunchRequest request, Offer offer, IReadOnlyList<Placement> placedThisRound)
    {
        if (request.Constraints.Count == 0)
        {
            return true;
        }

        var placed = Placed(request, placedThisRound);
        return request.Constraints.All(c => c.Allows(offer.Hostname, offer.Attributes, placed));
    }

    /// <inheritdoc />
    public string? Explain(LaunchRequest request, IReadOnlyList<Offer> offers, IReadOnlyList<Placement> placedThisRound)
    {
        var placed = Placed(request, placedThisRound);
        var refusing = request.Constraints.FirstOrDefault(c => !offers.Any(o => c.Allows(o.Hostname, o.Attributes, placed)));
        if (refusing is not null)
        {
            return $"constraint {refusing} cannot be met: no agent offered has {refusing.Rule.Describe(refusing.Field)} "
                + $"(offered {refusing.Field}: {string.Join(", ", offers.Select(o => ConstraintField.ValueOf(refusing.Field, o.Hostname, o.Attributes) ?? "none").Distinct())})";
        }

        // Each constraint is met by some agent, but no agent meets them all: name those that refuse some.
        if (request.Constraints.Count == 0 || offers.Any(o => Allows(request, o, placedThisRound)))
        {
            return null;
        }

        var conflicting = request.Constraints.Where(c => offers.Any(o => !c.Allows(o.Hostname, o.Attributes, placed)));
        return $"constraints {string.Join(" and ", conflicting)} cannot be met together: each agent offered fails one of them "
            + $"(offered: {string.Join(", ", offers.Select(o => o.Hostname).Distinct())})";
    }

    private static List<PlacedInstance> Placed(LaunchRequest request, IReadOnlyList<Placement> placedThisRound) =>
        [.. request.Placed, .. placedThisRound.Where(p => p.Request.App == request.App).Select(p => new PlacedInstance(p.Offer.Hostname, p.Offer.Attributes))];
}
