using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Grains.Frameworks;

namespace Mesos.Orleans.Grains.Tests;

public sealed class LaunchQueueTests
{
    private static readonly AppSpec Spec = new() { Cmd = "serve", Cpus = 0.1, Mem = 8 };

    private static AppLaunch Launch(string instanceId, long generation = 1) =>
        new(LaunchRequest.For(AppId.Parse("/web"), instanceId, generation, Spec, "process"), Spec);

    [Fact]
    public void Launches_come_out_in_the_order_they_were_asked_for()
    {
        var queue = new LaunchQueue();
        foreach (var id in new[] { "c", "a", "b" })
        {
            queue.Set(Launch(id));
        }

        Assert.Equal(["c", "a", "b"], queue.Values.Select(l => l.Request.InstanceId));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void One_asked_for_again_keeps_its_place_and_takes_the_new_request()
    {
        var queue = new LaunchQueue();
        queue.Set(Launch("a"));
        queue.Set(Launch("b"));
        queue.Set(Launch("a", generation: 2));

        Assert.Equal(["a", "b"], queue.Values.Select(l => l.Request.InstanceId));
        Assert.Equal(2, queue["a"].Request.ConfigGeneration);
    }

    [Fact]
    public void Removing_takes_out_only_that_launch()
    {
        var queue = new LaunchQueue();
        foreach (var id in new[] { "a", "b", "c" })
        {
            queue.Set(Launch(id));
        }

        Assert.True(queue.Remove("b"));
        Assert.False(queue.Remove("b"));
        Assert.False(queue.ContainsKey("b"));
        Assert.Equal(["a", "c"], queue.Values.Select(l => l.Request.InstanceId));
    }
}
