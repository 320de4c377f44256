using Mesos.Orleans.Core.Liveness;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Liveness;

public class HearingDelayTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2.5);
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(15);

    [Fact]
    public void Sweeps_OnTime_CountNothing()
    {
        var hearing = new HearingDelay(Period, Window);

        Assert.Equal(TimeSpan.Zero, hearing.Sweep(T0));
        Assert.Equal(TimeSpan.Zero, hearing.Sweep(At(2.5)));
        Assert.Equal(TimeSpan.Zero, hearing.Sweep(At(4.9))); // early: the timer's jitter
    }

    [Fact]
    public void ALateSweep_CountsItsDelay_ForTheWindow_TheLongestWins()
    {
        var hearing = new HearingDelay(Period, Window);
        hearing.Sweep(T0);

        Assert.Equal(TimeSpan.FromSeconds(6), hearing.Sweep(At(8.5))); // due at 2.5
        Assert.Equal(TimeSpan.FromSeconds(6), hearing.Sweep(At(12))); // 1 s late, the 6 s still counts
        Assert.Equal(TimeSpan.FromSeconds(9), hearing.Sweep(At(23.5))); // 9 s late: longer than the 6 s
        for (var at = 26.0; at <= 38.5; at += 2.5)
        {
            Assert.Equal(TimeSpan.FromSeconds(9), hearing.Sweep(At(at)));
        }

        Assert.Equal(TimeSpan.Zero, hearing.Sweep(At(41))); // on time since 23.5, over 15 s ago
    }
}
