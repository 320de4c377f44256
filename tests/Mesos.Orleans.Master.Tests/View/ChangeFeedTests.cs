using Mesos.Orleans.Master.View;

namespace Mesos.Orleans.Master.Tests.View;

public sealed class ChangeFeedTests
{
    [Fact]
    public async Task Publish_DeliversToEverySubscriberInOrder()
    {
        var feed = new ChangeFeed<int>();
        using var first = feed.Subscribe(10);
        using var second = feed.Subscribe(10);

        feed.Publish(1);
        feed.Publish(2);

        Assert.Equal([1, 2], await Drain(first, 2));
        Assert.Equal([1, 2], await Drain(second, 2));
    }

    [Fact]
    public async Task Publish_DropsASubscriberThatIsFullAndKeepsServingTheOthers()
    {
        var feed = new ChangeFeed<int>();
        using var slow = feed.Subscribe(2);
        using var fast = feed.Subscribe(10);

        feed.Publish(1);
        feed.Publish(2);
        feed.Publish(3); // does not wait for the slow one: it is dropped

        Assert.True(slow.Overflowed);
        Assert.Equal(1, feed.SubscriberCount);
        Assert.Equal([1, 2, 3], await Drain(fast, 3));
        Assert.Equal([1, 2], await Drain(slow, 2));
        await Assert.ThrowsAsync<ChangeFeedOverflowException>(async () => await slow.Changes.WaitToReadAsync());
    }

    [Fact]
    public void Dispose_LeavesTheFeed()
    {
        var feed = new ChangeFeed<int>();
        var subscription = feed.Subscribe(10);

        subscription.Dispose();
        feed.Publish(1);

        Assert.Equal(0, feed.SubscriberCount);
        Assert.False(subscription.Changes.TryRead(out _));
        Assert.True(subscription.Changes.Completion.IsCompleted);
    }

    private static async Task<List<int>> Drain(ChangeSubscription<int> subscription, int count)
    {
        var items = new List<int>();
        for (int i = 0; i < count; i++)
        {
            items.Add(await subscription.Changes.ReadAsync());
        }

        return items;
    }
}
