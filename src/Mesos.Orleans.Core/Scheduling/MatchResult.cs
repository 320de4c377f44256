using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// What became of one round of matching: requests placed on offers, requests that fit nowhere with the reason,
/// and the resources each used offer gives up.
/// </summary>
public sealed record MatchResult(
    IReadOnlyList<Placement> Placements,
    IReadOnlyDictionary<string, string> Unplaced,
    IReadOnlyDictionary<string, ResourceSet> UsedByOffer)
{
    /// <summary>The offers nothing was placed on.</summary>
    public IEnumerable<Offer> UnusedOffers(IEnumerable<Offer> offers) => offers.Where(o => !UsedByOffer.ContainsKey(o.OfferId));
}
