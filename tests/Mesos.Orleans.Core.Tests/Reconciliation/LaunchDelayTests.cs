using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;
using static Mesos.Orleans.Core.Tests.Support.Fleet;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

public class LaunchDelayTests
{
    private static readonly AppSpec Backoff = new() { Cmd = "x", BackoffSeconds = 10, BackoffFactor = 2, MaxLaunchDelaySeconds = 60 };

    private static LaunchDelay Failures(AppSpec spec, int count, DateTimeOffset at)
    {
        var delay = LaunchDelay.None;
        for (int i = 0; i < count; i++)
        {
            delay = delay.AfterFailure(spec, at);
        }

        return delay;
    }

    [Fact]
    public void LaunchDelay_FirstFailure_WaitsBackoffSeconds()
    {
        var delay = LaunchDelay.None.AfterFailure(Backoff, T0);

        Assert.Equal(new LaunchDelay(1, TimeSpan.FromSeconds(10), T0.AddSeconds(10), T0), delay);
    }

    [Fact]
    public void LaunchDelay_EachFurtherFailure_MultipliesUpToTheMaximum()
    {
        var delay = LaunchDelay.None;
        var seen = new List<double>();
        for (int i = 0; i < 6; i++)
        {
            delay = delay.AfterFailure(Backoff, T0.AddSeconds(i));
            seen.Add(delay.Current.TotalSeconds);
        }

        Assert.Equal([10d, 20, 40, 60, 60, 60], seen);
        Assert.Equal(6, delay.Failures);
        Assert.Equal(T0.AddSeconds(5 + 60), delay.Until);
    }

    [Fact]
    public void LaunchDelay_MarathonDefaults_GrowByFifteenPercentToFiveMinutes()
    {
        var spec = new AppSpec { Cmd = "x" };
        var delay = LaunchDelay.None;
        var seen = new List<double>();
        for (int i = 0; i < 60; i++)
        {
            delay = delay.AfterFailure(spec, T0);
            seen.Add(delay.Current.TotalSeconds);
        }

        Assert.Equal([1, 1.15, 1.3225], seen.Take(3).Select(s => Math.Round(s, 4)));
        Assert.Equal(300, seen[^1]);
        Assert.True(seen.Zip(seen.Skip(1)).All(p => p.First <= p.Second), "the delay never shrinks");
    }

    [Fact]
    public void LaunchDelay_BackoffAboveTheMaximum_IsCapped() =>
        Assert.Equal(TimeSpan.FromSeconds(60), LaunchDelay.None.AfterFailure(Backoff with { BackoffSeconds = 100 }, T0).Current);

    [Fact]
    public void LaunchDelay_Blocks_UntilItsEnd()
    {
        var delay = LaunchDelay.None.AfterFailure(Backoff, T0);

        Assert.True(delay.Blocks(T0));
        Assert.True(delay.Blocks(T0.AddSeconds(9.999)));
        Assert.False(delay.Blocks(T0.AddSeconds(10)));
        Assert.False(LaunchDelay.None.Blocks(T0));
    }

    [Fact]
    public void LaunchDelay_ResetsAfterAStableRunLongerThanTheMaximum()
    {
        var delay = Failures(Backoff, 3, T0);

        Assert.Same(delay, delay.At(Backoff, T0.AddSeconds(60)));
        Assert.Same(LaunchDelay.None, delay.At(Backoff, T0.AddSeconds(60).AddTicks(1)));
        Assert.Same(LaunchDelay.None, LaunchDelay.None.At(Backoff, T0));
        Assert.Equal(TimeSpan.FromSeconds(60), delay.AfterFailure(Backoff, T0.AddSeconds(60)).Current);
        Assert.Equal(new LaunchDelay(1, TimeSpan.FromSeconds(10), T0.AddSeconds(71), T0.AddSeconds(61)), delay.AfterFailure(Backoff, T0.AddSeconds(61)));
    }

    [Fact]
    public void LaunchDelay_ZeroBackoff_NeverBlocks()
    {
        var spec = Backoff with { BackoffSeconds = 0 };
        var delay = LaunchDelay.None;
        for (int i = 0; i < 10; i++)
        {
            delay = delay.AfterFailure(spec, T0.AddSeconds(i));
            Assert.False(delay.Blocks(T0.AddSeconds(i)), $"failure {i + 1} blocks");
        }

        Assert.Equal(10, delay.Failures);
    }
}
