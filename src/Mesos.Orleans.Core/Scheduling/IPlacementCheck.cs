using Mesos.Orleans.Core.Allocation;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// A rule beyond resources that decides whether an instance may go on an offer's agent (placement constraints).
/// One bool question, plus the sentence that says why nothing was allowed.
/// </summary>
public interface IPlacementCheck
{
    /// <summary>True when <paramref name="request"/> may be placed on <paramref name="offer"/>'s agent.</summary>
    bool Allows(LaunchRequest request, Offer offer, IReadOnlyList<Placement> placedThisRound);

    /// <summary>
    /// Why none of <paramref name="offers"/> was allowed, or null when this check is not the reason. The matcher passes
    /// only the offers that have room for the request.
    /// </summary>
    string? Explain(LaunchRequest request, IReadOnlyList<Offer> offers, IReadOnlyList<Placement> placedThisRound);
}
