using System.Globalization;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Scheduling;

/// <summary>
/// Places waiting instances on offers (the apps framework's side of a resource offer). Requests are taken in turn
/// by app, so one big app does not starve the others in a round; each goes to the next offer, round robin, that
/// holds what it needs, which spreads an app's instances over agents.
/// </summary>
/// <remarks>
/// A request that fits nowhere gets a reason a person can act on: the resource it lacks and the most any offer
/// had of it ("needs 2 cpus, the largest offer has 1.5").
/// </remarks>
public static class OfferMatcher
{
    /// <summary>The checks beyond resources every match applies: placement constraints.</summary>
    public static readonly IReadOnlyList<IPlacementCheck> DefaultChecks = [Constraints.ConstraintCheck.Instance];

    /// <summary>Matches <paramref name="requests"/> (in the order given within each app) to <paramref name="offers"/>.</summary>
    public static MatchResult Match(IReadOnlyList<Offer> offers, IReadOnlyList<LaunchRequest> requests, IReadOnlyList<IPlacementCheck>? checks = null)
    {
        checks ??= DefaultChecks;
        var remaining = offers.Select(o => o.Resources).ToArray();
        var placements = new List<Placement>();
        var unplaced = new Dictionary<string, string>(StringComparer.Ordinal);
        var placedOn = new Dictionary<string, int>(StringComparer.Ordinal);

        // Once a request found no offer with room, no request asking for the same finds one in this round (offers
        // only shrink as it goes): the instances of an app's config get its reason without probing every offer
        // again, which made a large queue against a full cluster cost waiting × offers.
        var noRoom = new Dictionary<Need, string>();
        var cursor = 0;
        foreach (var request in InTurnByApp(requests))
        {
            var need = Need.Of(request);
            if (noRoom.TryGetValue(need, out var reason))
            {
                unplaced[request.InstanceId] = reason;
                continue;
            }

            var placed = false;
            var roomSomewhere = false;
            for (int probe = 0; probe < offers.Count && !placed; probe++)
            {
                var i = (cursor + probe) % offers.Count;
                var ports = PortsIfRoom(request, offers[i], remaining[i]);
                if (ports is null)
                {
                    continue;
                }

                roomSomewhere = true;
                if (checks.Any(c => !c.Allows(request, offers[i], placements)))
                {
                    continue;
                }

                var take = request.Resources.WithPorts(RangeSet.OfValues(ports));
                remaining[i] -= take;
                placements.Add(new Placement(request, offers[i], take, ports));
                placedOn[offers[i].OfferId] = i;
                cursor = i + 1;
                placed = true;
            }

            if (!placed)
            {
                var why = Explain(request, offers, remaining, placements, checks);
                unplaced[request.InstanceId] = why;
                if (!roomSomewhere)
                {
                    noRoom[need] = why;
                }
            }
        }

        var used = placedOn.ToDictionary(kv => kv.Key, kv => offers[kv.Value].Resources - remaining[kv.Value], StringComparer.Ordinal);
        return new MatchResult(placements, unplaced, used);
    }

    // The host ports the request would take when the offer has room for it (its containerizer, its resources, its
    // ports), else null.
    private static IReadOnlyList<long>? PortsIfRoom(LaunchRequest request, Offer offer, ResourceSet available)
    {
        if (!offer.Containerizers.Contains(request.Containerizer) || !available.Contains(request.Resources))
        {
            return null;
        }

        var free = available.Ports;
        return request.RequiredPorts.Count > 0
            ? request.RequiredPorts.All(free.Contains) ? WithAnyPorts(request, free) : null
            : free.TakeLowest(request.PortCount);
    }

    // The required ports, then the lowest free others for the rest (port mappings mix the two).
    private static IReadOnlyList<long>? WithAnyPorts(LaunchRequest request, RangeSet free)
    {
        if (request.AnyPortCount == 0)
        {
            return request.RequiredPorts;
        }

        var others = free.Subtract(RangeSet.OfValues(request.RequiredPorts)).TakeLowest(request.AnyPortCount);
        return others is null ? null : [.. request.RequiredPorts, .. others];
    }

    private static string Explain(
        LaunchRequest request, IReadOnlyList<Offer> offers, ResourceSet[] remaining, IReadOnlyList<Placement> placed, IReadOnlyList<IPlacementCheck>? checks)
    {
        if (offers.Count == 0)
        {
            return "no offers: no agent has free resources";
        }

        // Only offers the request could run on count: a bigger offer without its containerizer is no help.
        var eligible = remaining.Where((_, i) => offers[i].Containerizers.Contains(request.Containerizer)).ToList();
        if (eligible.Count == 0)
        {
            return $"no agent offered has the {request.Containerizer} containerizer (offered: {string.Join(", ", offers.SelectMany(o => o.Containerizers).Distinct())})";
        }

        var lacking = new List<string>();
        void Check(string name, double needed, Func<ResourceSet, double> has)
        {
            var best = eligible.Max(has);
            if (needed > best)
            {
                lacking.Add(string.Create(CultureInfo.InvariantCulture, $"needs {needed} {name}, the largest offer has {best}"));
            }
        }

        Check("cpus", request.Resources.Cpus, r => r.Cpus);
        Check("mem", request.Resources.Mem, r => r.Mem);
        Check("disk", request.Resources.Disk, r => r.Disk);
        Check("gpus", request.Resources.Gpus, r => r.Gpus);
        if (request.RequiredPorts.Count > 0)
        {
            if (!eligible.Any(r => request.RequiredPorts.All(r.Ports.Contains)))
            {
                lacking.Add($"needs ports {string.Join(", ", request.RequiredPorts)}, which no offer holds");
            }
            else if (request.AnyPortCount > 0)
            {
                Check("more ports", request.AnyPortCount, r => r.Ports.Subtract(RangeSet.OfValues(request.RequiredPorts)).Count);
            }
        }
        else
        {
            Check("ports", request.PortCount, r => r.Ports.Count);
        }

        if (lacking.Count > 0)
        {
            return string.Join("; ", lacking);
        }

        // A check's refusal only explains something about the offers that have room for the request: that an agent
        // too small for it would have been allowed says nothing.
        var withRoom = offers.Where((o, i) => PortsIfRoom(request, o, remaining[i]) is not null).ToList();
        var refusal = withRoom.Count == 0 ? null : checks?.Select(c => c.Explain(request, withRoom, placed)).FirstOrDefault(r => r is not null);
        return refusal ?? "no single offer holds all it needs at once (" + request.Resources + ")";
    }

    // What decides whether an offer has room for a request (placement checks aside).
    private readonly record struct Need(string Containerizer, ResourceSet Resources, int PortCount, string RequiredPorts)
    {
        public static Need Of(LaunchRequest request) =>
            new(request.Containerizer, request.Resources, request.PortCount, string.Join(',', request.RequiredPorts));
    }

    // a1 b1 c1 a2 b2 a3 …: each app's requests keep their order; apps take turns.
    private static IEnumerable<LaunchRequest> InTurnByApp(IReadOnlyList<LaunchRequest> requests)
    {
        var queues = requests.GroupBy(r => r.App).Select(g => new Queue<LaunchRequest>(g)).ToList();
        while (queues.Count > 0)
        {
            for (int i = 0; i < queues.Count; i++)
            {
                yield return queues[i].Dequeue();
            }

            queues.RemoveAll(q => q.Count == 0);
        }
    }
}
