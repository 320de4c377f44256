using System.Collections.Immutable;

namespace Mesos.Orleans.Master.View;

/// <summary>
/// Fans changes out to subscribers, each through a bounded channel of its own. Publishing never waits: a subscriber
/// whose channel is full is dropped (its channel completes with <see cref="ChangeFeedOverflowException"/>), so a slow
/// reader can never hold up the grains that publish.
/// </summary>
/// <typeparam name="T">What is published.</typeparam>
public sealed class ChangeFeed<T>
{
    private readonly object _gate = new();
    private ImmutableArray<ChangeSubscription<T>> _subscribers = [];

    /// <summary>How many subscribers there are.</summary>
    public int SubscriberCount => _subscribers.Length;

    /// <summary>Subscribes to what is published from now on; dispose the subscription to leave.</summary>
    public ChangeSubscription<T> Subscribe(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        var subscription = new ChangeSubscription<T>(capacity, Remove);
        lock (_gate)
        {
            _subscribers = _subscribers.Add(subscription);
        }

        return subscription;
    }

    /// <summary>Hands <paramref name="change"/> to every subscriber; drops those that are full.</summary>
    public void Publish(T change)
    {
        foreach (var subscriber in _subscribers)
        {
            if (!subscriber.Offer(change))
            {
                subscriber.Overflow();
            }
        }
    }

    private void Remove(ChangeSubscription<T> subscription)
    {
        lock (_gate)
        {
            _subscribers = _subscribers.Remove(subscription);
        }
    }
}
