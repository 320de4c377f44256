using System.Threading.Channels;

namespace Mesos.Orleans.Master.View;

/// <summary>
/// One subscriber's end of a <see cref="ChangeFeed{T}"/>: what was published since it subscribed, in order. When the
/// subscriber fell too far behind, <see cref="Changes"/> completes with <see cref="ChangeFeedOverflowException"/>.
/// </summary>
/// <typeparam name="T">What is published.</typeparam>
public sealed class ChangeSubscription<T> : IDisposable
{
    private readonly Channel<T> _channel;
    private readonly Action<ChangeSubscription<T>> _remove;

    internal ChangeSubscription(int capacity, Action<ChangeSubscription<T>> remove)
    {
        _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.Wait, // TryWrite fails when full: the feed drops us instead of waiting
            SingleReader = true,
            SingleWriter = false,
        });
        _remove = remove;
    }

    /// <summary>The changes, in the order they were published.</summary>
    public ChannelReader<T> Changes => _channel.Reader;

    /// <summary>True once this subscriber was dropped for falling behind.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Leaves the feed.</summary>
    public void Dispose()
    {
        _remove(this);
        _channel.Writer.TryComplete();
    }

    internal bool Offer(T change) => _channel.Writer.TryWrite(change);

    internal void Overflow()
    {
        Overflowed = true;
        _remove(this);
        _channel.Writer.TryComplete(new ChangeFeedOverflowException());
    }
}
