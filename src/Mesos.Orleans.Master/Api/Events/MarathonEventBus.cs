using System.Text.Json;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.View;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary>
/// Marathon's event bus: one pump follows the read model's changes and turns them into events
/// (<see cref="MarathonEventTranslator"/>); the API adds its own (<c>api_post_event</c>). Each event is serialized
/// once and fanned out to the streams of <c>/v2/events</c>, each through a bounded channel: a stream that falls
/// behind is closed, never waited for.
/// </summary>
internal sealed partial class MarathonEventBus
{
    /// <summary>How many changes of the read model may wait for the pump.</summary>
    public const int PumpCapacity = 65_536;

    private readonly ChangeFeed<MarathonEventFrame> _frames = new();
    private readonly ClusterView _view;
    private readonly StopDeployments _stops;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public MarathonEventBus(ClusterView view, StopDeployments stops, TimeProvider time, ILogger<MarathonEventBus> logger)
    {
        _view = view;
        _stops = stops;
        _time = time;
        _logger = logger;
    }

    /// <summary>The clock events are stamped with.</summary>
    public TimeProvider Time => _time;

    /// <summary>Follows the read model until <paramref name="stopping"/>; call once.</summary>
    public Task RunAsync(CancellationToken stopping) => Task.Run(() => PumpAsync(stopping), CancellationToken.None);

    /// <summary>A stream's subscription to every event from now on.</summary>
    public ChangeSubscription<MarathonEventFrame> Subscribe(int capacity) => _frames.Subscribe(capacity);

    /// <summary>Publishes an event to every stream; with none open, it is not even serialized.</summary>
    public void Publish(MarathonEvent marathonEvent)
    {
        // A stream that opens meanwhile follows from its own start: it was never owed this event.
        if (_frames.SubscriberCount > 0)
        {
            _frames.Publish(Frame(marathonEvent));
        }
    }

    /// <summary>Publishes the <c>api_post_event</c> of a request that created, changed or deleted an app.</summary>
    public void PublishApiPost(HttpRequest request, AppSpec spec) => Publish(new ApiPostEvent
    {
        ClientIp = request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "",
        Uri = request.Path.Value ?? "",
        AppDefinition = MarathonViews.Definition(spec),
        Timestamp = _time.GetUtcNow(),
    });

    /// <summary>Serializes an event as it goes out.</summary>
    public static MarathonEventFrame Frame(MarathonEvent marathonEvent) =>
        new(marathonEvent.EventType, JsonSerializer.Serialize(marathonEvent, marathonEvent.GetType(), MarathonJson.Options));

    private async Task PumpAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            // A new translator for each subscription: after an overflow its memory of the changes is incomplete.
            using var changes = _view.Subscribe(PumpCapacity);
            var translator = new MarathonEventTranslator(_view, _stops, _time);
            try
            {
                await foreach (var change in changes.Changes.ReadAllAsync(stopping))
                {
                    // An instance's change makes events from itself alone (no memory to keep up): with no stream
                    // open there is nobody to translate it for. They are the bulk of the changes.
                    if (change is InstanceChange { Current: not null } && _frames.SubscriberCount == 0)
                    {
                        continue;
                    }

                    foreach (var marathonEvent in translator.Translate(change))
                    {
                        Publish(marathonEvent);
                    }
                }
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ChangeFeedOverflowException)
            {
                LogOverflow(_logger, PumpCapacity);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogPumpFailed(_logger, e);
                await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None); // no busy loop on a bug
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Marathon event pump fell more than {Capacity} changes behind; events were lost, it follows again from now")]
    private static partial void LogOverflow(ILogger logger, int capacity);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Marathon event pump failed; it follows again from now")]
    private static partial void LogPumpFailed(ILogger logger, Exception exception);
}
