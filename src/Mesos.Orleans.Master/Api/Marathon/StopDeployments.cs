using System.Collections.Concurrent;
using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// The deletes under way that <c>/v2</c> started. An app grain forgets its delete's deployment once it is gone, so
/// the Marathon side keeps them: <c>/v2/deployments</c> lists them while the app has instances, and the event stream
/// reports their start and end.
/// </summary>
internal sealed class StopDeployments(TimeProvider time)
{
    private readonly ConcurrentDictionary<AppId, StopDeployment> _stops = new();

    /// <summary>Every stop recorded and not finished.</summary>
    public IEnumerable<StopDeployment> All => _stops.Values;

    /// <summary>Records a stop of <paramref name="app"/> before the delete is sent, so the events can find it.</summary>
    public StopDeployment Begin(AppId app)
    {
        var now = time.GetUtcNow();
        var stop = new StopDeployment(Guid.CreateVersion7(now).ToString(), app, now);
        _stops[app] = stop;
        return stop;
    }

    /// <summary>Forgets a stop whose delete did not happen.</summary>
    public void Cancel(StopDeployment stop) => _stops.TryRemove(new KeyValuePair<AppId, StopDeployment>(stop.App, stop));

    /// <summary>The stop of <paramref name="app"/> under way, or null.</summary>
    public StopDeployment? Of(AppId app) => _stops.GetValueOrDefault(app);

    /// <summary>Ends the stop of <paramref name="app"/>; returns it, or null when there was none.</summary>
    public StopDeployment? Finish(AppId app) => _stops.TryRemove(app, out var stop) ? stop : null;
}
