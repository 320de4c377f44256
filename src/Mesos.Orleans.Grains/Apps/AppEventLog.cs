using Mesos.Orleans.Contracts.Views;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>The latest events of an app, in memory (like Kubernetes' events, they are not kept forever).</summary>
internal sealed class AppEventLog(int capacity)
{
    private readonly Queue<AppEvent> _events = new();

    public IReadOnlyList<AppEvent> All => [.. _events];

    public void Normal(DateTimeOffset at, string reason, string message) => Add(new AppEvent(at, "Normal", reason, message));

    public void Warning(DateTimeOffset at, string reason, string message) => Add(new AppEvent(at, "Warning", reason, message));

    private void Add(AppEvent e)
    {
        // The same thing said twice in a row is said once.
        if (_events.Count > 0 && _events.Last() is { } last && last.Reason == e.Reason && last.Message == e.Message)
        {
            return;
        }

        _events.Enqueue(e);
        while (_events.Count > capacity)
        {
            _events.Dequeue();
        }
    }
}
