using System.Diagnostics;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Runtime;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Frameworks;

/// <summary>
/// The built-in apps framework (Marathon's scheduler): a queue of instances waiting for offers; on offers it places
/// what fits, accepts, records each task durably, launches them per agent, and tells the apps where their instances
/// went or why they still wait. It asks for offers only while it has something to place.
/// </summary>
/// <remarks>The queue is not stored: apps re-request their waiting instances when they activate.</remarks>
[GrainType("framework")]
[KeepAlive]
internal sealed partial class FrameworkGrain : Grain, IFrameworkGrain
{
    private readonly GrainServices _services;
    private readonly ILogger _logger;
    private readonly LaunchQueue _queue = new();
    private readonly Dictionary<string, string> _reasons = new(StringComparer.Ordinal);
    private readonly DateTimeOffset _registeredAt;
    private bool _wantsOffers;

    public FrameworkGrain(IGrainContext context, GrainServices services) : base(context)
    {
        _services = services;
        _logger = services.LoggerFactory.CreateLogger<FrameworkGrain>();
        _registeredAt = Time.GetUtcNow();
    }

    private IAllocatorGrain Allocator => GrainFactory.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await Allocator.AddFrameworkAsync(Key, 1);
        Publish();
    }

    public Task<FrameworkSnapshot> GetAsync() => Task.FromResult(Snapshot());

    public Task RequestLaunchesAsync(IReadOnlyList<AppLaunch> launches)
    {
        foreach (var launch in launches)
        {
            _queue.Set(launch);
        }

        // New demand may fit where earlier demand did not: forget refusals and ask again.
        _wantsOffers = true;
        Allocator.ReviveAsync(Key).Ignore();
        Publish();
        return Task.CompletedTask;
    }

    public Task CancelLaunchesAsync(AppId app, IReadOnlyList<string> instanceIds)
    {
        foreach (var id in instanceIds)
        {
            _queue.Remove(id);
            _reasons.Remove(id);
        }

        SuppressWhenIdle();
        Publish();
        return Task.CompletedTask;
    }

    public async Task ResourceOffersAsync(IReadOnlyList<Offer> offers)
    {
        if (_queue.Count == 0)
        {
            Decline(offers);
            SuppressWhenIdle();
            return;
        }

        var waiting = _queue.Values.ToList();
        var match = OfferMatcher.Match(offers, waiting.Select(l => l.Request).ToList());
        var byOffer = match.Placements.GroupBy(p => p.Offer.OfferId).ToDictionary(g => g.Key, g => g.ToList());
        Decline(match.UnusedOffers(offers).ToList());

        var accepted = byOffer.Count == 0 ? [] : await Allocator.AcceptAsync(Key, byOffer.Select(o => new OfferAcceptance(
            o.Key,
            [.. o.Value.Select(p => new TaskHold(InstanceIds.TaskIdOf(p.Request.InstanceId), Key, p.Resources))],
            _services.Options.RefuseSeconds)).ToList());
        var placements = accepted.SelectMany(id => byOffer[id]).ToList();
        await LaunchAsync(placements);
        ReportUnplaced(match.Unplaced, detailed: offers.Count > 0);
        SuppressWhenIdle();
        Publish();
    }

    public Task OnTaskStatusAsync(TaskStatusUpdate update)
    {
        if (update.AppId is { } app)
        {
            GrainFactory.GetGrain<IAppGrain>(app).OnTaskStatusAsync(update).Ignore();
        }

        return Task.CompletedTask;
    }

    public Task OnTasksReportedAsync(string agentId, string hostname, IReadOnlyList<TaskReport> reports)
    {
        foreach (var byApp in reports.GroupBy(r => r.Launch.AppId, StringComparer.Ordinal))
        {
            if (byApp.Key is { } app)
            {
                GrainFactory.GetGrain<IAppGrain>(app).OnTasksReportedAsync(agentId, hostname, [.. byApp]).Ignore();
            }
            else
            {
                // No app to know better: the task's grain takes the report in.
                foreach (var report in byApp)
                {
                    GrainFactory.GetGrain<ITaskGrain>(report.Launch.TaskId).AdoptAsync(report, agentId, hostname).Ignore();
                }
            }
        }

        return Task.CompletedTask;
    }

    private async Task LaunchAsync(List<Placement> placements)
    {
        var turn = Activity.Current;
        var launches = placements
            .Where(p => _queue.ContainsKey(p.Request.InstanceId))
            .Select(p => (Placement: p, Launch: _queue[p.Request.InstanceId]))
            .Select(p => (p.Placement, Span: LaunchSpan(p.Launch, p.Placement), p.Launch))
            .Select(p => (p.Placement, p.Span, Task: TaskLaunchBuilder.Build(p.Launch, p.Placement, Key, _services.Options.DefaultKillGracePeriodSeconds) with
            {
                TraceParent = Traces.Context(p.Span) ?? p.Launch.TraceParent,
            }))
            .ToList();

        // One launch (the usual case) goes on in its own trace: its store writes and grain calls join it.
        Activity.Current = launches is [{ Span: { } only }] ? only : turn;
        try
        {
            await RecordAndLaunchAsync(launches.Select(l => (l.Placement, l.Task)).ToList());
        }
        finally
        {
            launches.ForEach(l => l.Span?.Dispose());
        }
    }

    // The offer taken for an instance: a span of the trace of the reconcile pass that asked for it, linked to the
    // allocation cycle that made the offer.
    private static Activity? LaunchSpan(AppLaunch launch, Placement placement)
    {
        if (!Sources.Grains.HasListeners())
        {
            return null;
        }

        var activity = Traces.Start(Sources.Grains, "offer accepted", Traces.Parse(launch.TraceParent), Activity.Current?.Context ?? default);
        activity?.SetTag(TraceAttributes.AppId, launch.Request.App.Path)
            .SetTag(TraceAttributes.InstanceId, launch.Request.InstanceId)
            .SetTag(TraceAttributes.TaskId, InstanceIds.TaskIdOf(launch.Request.InstanceId))
            .SetTag(TraceAttributes.OfferId, placement.Offer.OfferId)
            .SetTag(TraceAttributes.AgentId, placement.Offer.AgentId)
            .SetTag(TraceAttributes.ServerAddress, placement.Offer.Hostname);
        return activity;
    }

    private async Task RecordAndLaunchAsync(List<(Placement Placement, TaskLaunch Task)> launches)
    {

        // Each task is on record — with its agent, then on its own — before the agent hears of it: a master that
        // dies here relaunches nothing twice, and a launch that never reached its agent is found lost later.
        try
        {
            await Task.WhenAll(launches.GroupBy(l => l.Placement.Offer.AgentId).Select(perAgent =>
                GrainFactory.GetGrain<IAgentGrain>(perAgent.Key).PrepareLaunchAsync(perAgent.Select(l => l.Task).ToList())));
            await Task.WhenAll(launches.Select(l =>
                GrainFactory.GetGrain<ITaskGrain>(l.Task.TaskId).LaunchAsync(l.Task, l.Placement.Offer.AgentId, l.Placement.Offer.Hostname)));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Not on record, so never launched: what the offers booked for them goes back, and they wait for the next.
            launches.ForEach(l => Allocator.RecoverAsync(l.Placement.Offer.AgentId, l.Task.TaskId).Ignore());
            LogRecordFailed(_logger, launches.Count, e.Message);
            return;
        }

        foreach (var (placement, task) in launches)
        {
            _queue.Remove(placement.Request.InstanceId);
            _reasons.Remove(placement.Request.InstanceId);
            GrainFactory.GetGrain<IAppGrain>(placement.Request.App.Path).OnPlacedAsync(new InstancePlacement(
                placement.Request.InstanceId, task.TaskId, placement.Offer.AgentId, placement.Offer.Hostname, task.HostPorts)
            {
                Attributes = placement.Offer.Attributes,
            }).Ignore();
        }

        foreach (var perAgent in launches.GroupBy(l => l.Placement.Offer.AgentId))
        {
            GrainFactory.GetGrain<IAgentGrain>(perAgent.Key).LaunchAsync(perAgent.Select(l => l.Task).ToList()).Ignore();
        }

        if (launches.Count > 0)
        {
            MesosMetrics.TaskLaunches.Add(launches.Count);
            LogLaunched(_logger, launches.Count, _queue.Count);
        }
    }

    // Without offers there is little to say: keep the reason an earlier offer gave, if any.
    private void ReportUnplaced(IReadOnlyDictionary<string, string> unplaced, bool detailed)
    {
        var news = unplaced
            .Where(u => _queue.ContainsKey(u.Key) && (detailed || !_reasons.ContainsKey(u.Key)) && _reasons.GetValueOrDefault(u.Key) != u.Value)
            .ToList();
        news.ForEach(u => _reasons[u.Key] = u.Value);
        foreach (var perApp in news.GroupBy(u => _queue[u.Key].Request.App))
        {
            GrainFactory.GetGrain<IAppGrain>(perApp.Key.Path).OnUnplacedAsync(perApp.ToDictionary(u => u.Key, u => u.Value)).Ignore();
        }
    }

    private void Decline(IReadOnlyList<Offer> offers)
    {
        if (offers.Count > 0)
        {
            Allocator.DeclineAsync(Key, offers.Select(o => o.OfferId).ToList(), _services.Options.RefuseSeconds).Ignore();
        }
    }

    private void SuppressWhenIdle()
    {
        if (_queue.Count == 0 && _wantsOffers)
        {
            _wantsOffers = false;
            Allocator.SuppressAsync(Key).Ignore();
        }
    }

    private void Publish() => _services.Observer.FrameworkChanged(Snapshot());

    private FrameworkSnapshot Snapshot() => new()
    {
        FrameworkId = Key,
        Name = Key == IFrameworkGrain.AppsFrameworkId ? "mesos-orleans apps" : Key,
        Role = "*",
        Active = true,
        RegisteredAt = _registeredAt,
        QueuedLaunches = _queue.Count,
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not record {Count} tasks to launch; they wait for other offers: {Reason}")]
    private static partial void LogRecordFailed(ILogger logger, int count, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Launched {Count} tasks; {Waiting} instances still wait for offers")]
    private static partial void LogLaunched(ILogger logger, int count, int waiting);
}
