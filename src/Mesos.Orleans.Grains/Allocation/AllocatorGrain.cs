using System.Diagnostics;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Allocation;

/// <summary>
/// The allocator: owns the <see cref="OfferAllocator"/> model and runs its cycles — right after events (an agent
/// added, resources recovered, a revive), coalesced so a burst of events costs one cycle, and on an interval so
/// filters expire. Its books are rebuilt from agents' registrations, so nothing of it is stored.
/// </summary>
[GrainType("allocator")]
[KeepAlive]
internal sealed partial class AllocatorGrain : Grain, IAllocatorGrain
{
    private readonly OfferAllocator _allocator;
    private readonly GrainServices _services;
    private readonly ILogger _logger;
    private readonly Dictionary<string, DateTimeOffset> _offeredAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _lastOfferTo = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wanting = new(StringComparer.Ordinal);
    private bool _cyclePending;

    public AllocatorGrain(IGrainContext context, GrainServices services) : base(context)
    {
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<AllocatorGrain>();
        // Offer ids of this activation never collide with those of an earlier one.
        _allocator = new OfferAllocator(new DrfSorter()) { OfferIdPrefix = $"{Time.GetUtcNow().ToUnixTimeMilliseconds():x}-O" };
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var interval = _services.Options.AllocationInterval;
        Context.RegisterTimer(_ => TickAsync(), interval, interval);
        return Task.CompletedTask;
    }

    public Task AddFrameworkAsync(string frameworkId, double weight)
    {
        _allocator.AddFramework(frameworkId, weight);
        _allocator.Suppress(frameworkId);
        return Task.CompletedTask;
    }

    public Task AddAgentAsync(AgentInfo agent, IReadOnlyList<TaskHold> tasks)
    {
        ForgetOffers(_allocator.AddAgent(agent, tasks));
        ScheduleCycle();
        return Task.CompletedTask;
    }

    public Task RemoveAgentAsync(string agentId)
    {
        ForgetOffers(_allocator.RemoveAgent(agentId));
        return Task.CompletedTask;
    }

    public Task DeactivateAgentAsync(string agentId)
    {
        ForgetOffers(_allocator.DeactivateAgent(agentId));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> AcceptAsync(string frameworkId, IReadOnlyList<OfferAcceptance> acceptances)
    {
        var now = Time.GetUtcNow();
        var accepted = acceptances.Where(a => _allocator.Accept(a.OfferId, a.Tasks, now, a.RefuseRemainder)).Select(a => a.OfferId).ToList();
        accepted.ForEach(id => _offeredAt.Remove(id));
        MesosMetrics.OffersAccepted.Add(accepted.Count);
        ScheduleCycle();
        return Task.FromResult<IReadOnlyList<string>>(accepted);
    }

    public Task DeclineAsync(string frameworkId, IReadOnlyList<string> offerIds, TimeSpan refuse)
    {
        var now = Time.GetUtcNow();
        foreach (var offerId in offerIds)
        {
            _allocator.Decline(offerId, now, refuse);
            _offeredAt.Remove(offerId);
        }

        MesosMetrics.OffersDeclined.Add(offerIds.Count);

        ScheduleCycle();
        return Task.CompletedTask;
    }

    public Task ReviveAsync(string frameworkId)
    {
        _allocator.Revive(frameworkId);
        _wanting.Add(frameworkId);
        _lastOfferTo.Remove(frameworkId);
        ScheduleCycle();
        return Task.CompletedTask;
    }

    public Task SuppressAsync(string frameworkId)
    {
        _allocator.Suppress(frameworkId);
        _wanting.Remove(frameworkId);
        return Task.CompletedTask;
    }

    public Task RecoverAsync(string agentId, string taskId)
    {
        _allocator.Recover(agentId, taskId);
        ScheduleCycle();
        return Task.CompletedTask;
    }

    public Task<AllocatorSnapshot> GetSnapshotAsync()
    {
        // Walks every agent: an API read, never part of an allocation.
        var agents = new Dictionary<string, AgentResourceView>(StringComparer.Ordinal);
        foreach (var agentId in _allocator.AgentIds)
        {
            var (total, used, offered, active) = _allocator.AgentResources(agentId)!.Value;
            agents[agentId] = new AgentResourceView(total, used, offered, active);
        }

        return Task.FromResult(new AllocatorSnapshot(
            _allocator.Totals, agents, _wanting.ToDictionary(f => f, _allocator.ShareOf), _allocator.OutstandingOffers.Count));
    }

    private void ScheduleCycle()
    {
        if (_cyclePending)
        {
            return;
        }

        _cyclePending = true;
        Context.Post(() =>
        {
            _cyclePending = false;
            RunCycle();
            return Task.CompletedTask;
        });
    }

    private Task TickAsync()
    {
        RescindExpiredOffers();
        RunCycle();
        return Task.CompletedTask;
    }

    private void RunCycle()
    {
        var now = Time.GetUtcNow();
        var started = Stopwatch.GetTimestamp();
        var offers = _allocator.Allocate(now);
        MesosMetrics.AllocationCycleDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        MesosMetrics.OffersMade.Add(offers.Count);
        using var activity = offers.Count > 0 ? CycleSpan(started, offers.Count) : null;
        foreach (var batch in offers.GroupBy(o => o.FrameworkId))
        {
            foreach (var offer in batch)
            {
                _offeredAt[offer.OfferId] = now;
            }

            _lastOfferTo[batch.Key] = now;
            GrainFactory.GetGrain<IFrameworkGrain>(batch.Key).ResourceOffersAsync(batch.ToList()).Ignore();
        }

        // A framework that wants offers and got none for a while hears so, so its apps can say why they wait.
        foreach (var frameworkId in _wanting)
        {
            if (!_lastOfferTo.TryGetValue(frameworkId, out var last) || now - last >= _services.Options.AllocationInterval)
            {
                _lastOfferTo[frameworkId] = now;
                GrainFactory.GetGrain<IFrameworkGrain>(frameworkId).ResourceOffersAsync([]).Ignore();
            }
        }
    }

    // Only a cycle that made offers is a span (every second a span of nothing would bury the traces that matter);
    // it is a child of whatever asked for the cycle (an app's revive), and the frameworks' turns are its children.
    private static Activity? CycleSpan(long startedTimestamp, int offers)
    {
        if (!Sources.Allocator.HasListeners())
        {
            return null;
        }

        var startedAt = DateTimeOffset.UtcNow - Stopwatch.GetElapsedTime(startedTimestamp);
        var activity = Sources.Allocator.StartActivity(ActivityKind.Internal, Activity.Current?.Context ?? default, startTime: startedAt, name: "allocation cycle");
        activity?.SetTag(TraceAttributes.Offers, offers);
        return activity;
    }

    private void RescindExpiredOffers()
    {
        var deadline = Time.GetUtcNow() - _services.Options.OfferTimeout;
        foreach (var (offerId, at) in _offeredAt.Where(kv => kv.Value < deadline).ToList())
        {
            LogRescinded(_logger, offerId);
            _allocator.Rescind(offerId);
            _offeredAt.Remove(offerId);
            MesosMetrics.OffersRescinded.Add(1);
        }
    }

    private void ForgetOffers(IReadOnlyList<Offer> rescinded) => rescinded.ToList().ForEach(o => _offeredAt.Remove(o.OfferId));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Offer {OfferId} was not answered in time and is rescinded")]
    private static partial void LogRescinded(ILogger logger, string offerId);
}
