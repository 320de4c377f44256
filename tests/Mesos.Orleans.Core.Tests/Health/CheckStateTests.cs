using Mesos.Orleans.Core.Health;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Health;

public class CheckStateTests
{
    private const bool Pass = true, Fail = false;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(300);

    /// <summary>Feeds results (passed, seconds after the task started) to a new check, in order; gives each outcome.</summary>
    private static List<CheckOutcome> Run(int maxConsecutiveFailures, params (bool Passed, double At)[] results) => Run(Grace, maxConsecutiveFailures, results);

    private static List<CheckOutcome> Run(TimeSpan grace, int maxConsecutiveFailures, params (bool Passed, double At)[] results)
    {
        var state = CheckState.Initial;
        var outcomes = new List<CheckOutcome>();
        foreach (var (passed, at) in results)
        {
            var outcome = state.After(passed, passed ? "ok" : "failed", At(at), T0, grace, maxConsecutiveFailures);
            outcomes.Add(outcome);
            state = outcome.State;
        }

        return outcomes;
    }

    private static List<(bool? Healthy, int Failures, bool Kill)> Summary(List<CheckOutcome> outcomes) =>
        [.. outcomes.Select(o => (o.State.Healthy, o.State.ConsecutiveFailures, o.Kill))];

    [Fact]
    public void Initial_HasNoResult() =>
        Assert.Equal(new CheckState(null, 0, false, null, null), CheckState.Initial);

    [Fact]
    public void After_FailuresInTheGracePeriod_AreIgnoredUntilTheFirstSuccess()
    {
        var outcomes = Run(1, (Fail, 10), (Fail, 100), (Fail, 299));

        Assert.Equal([(null, 0, false), (null, 0, false), (null, 0, false)], Summary(outcomes));
        Assert.Equal(new CheckState(null, 0, false, "failed", At(299)), outcomes[^1].State);
    }

    [Fact]
    public void After_Success_MakesHealthy()
    {
        var outcome = Assert.Single(Run(3, (Pass, 5)));

        Assert.Equal(new CheckState(true, 0, true, "ok", At(5)), outcome.State);
        Assert.False(outcome.Kill);
    }

    [Fact]
    public void After_OnceHealthy_FailuresCountEvenInTheGracePeriod() =>
        Assert.Equal(
            [(true, 0, false), (false, 1, false), (false, 2, false), (false, 3, true)],
            Summary(Run(3, (Pass, 10), (Fail, 20), (Fail, 30), (Fail, 40))));

    [Fact]
    public void After_TheGracePeriod_FailuresCountWithoutASuccess() =>
        Assert.Equal(
            [(null, 0, false), (false, 1, false), (false, 2, false)],
            Summary(Run(3, (Fail, 299.9), (Fail, 300), (Fail, 360))));

    [Fact]
    public void After_NoGracePeriod_TheFirstFailureCounts() =>
        Assert.Equal([(false, 1, false)], Summary(Run(TimeSpan.Zero, 3, (Fail, 0))));

    [Fact]
    public void After_KillsExactlyAtMaxConsecutiveFailures() =>
        Assert.Equal(
            [false, false, true],
            Run(3, (Fail, 301), (Fail, 302), (Fail, 303)).Select(o => o.Kill));

    [Fact]
    public void After_MaxConsecutiveFailuresOfOne_KillsAtTheFirstCountedFailure() =>
        Assert.Equal([false, true], Run(1, (Fail, 1), (Fail, 301)).Select(o => o.Kill));

    [Fact]
    public void After_MaxConsecutiveFailuresOfZero_NeverKills()
    {
        var outcomes = Run(0, [.. Enumerable.Range(1, 20).Select(i => (Fail, 300.0 + i))]);

        Assert.All(outcomes, o => Assert.False(o.Kill));
        Assert.Equal((false, 20), (outcomes[^1].State.Healthy, outcomes[^1].State.ConsecutiveFailures));
    }

    [Fact]
    public void After_Success_ResetsTheFailureCount() =>
        Assert.Equal(
            [(false, 1, false), (false, 2, false), (true, 0, false), (false, 1, false), (false, 2, false), (false, 3, true)],
            Summary(Run(3, (Fail, 301), (Fail, 302), (Pass, 303), (Fail, 304), (Fail, 305), (Fail, 306))));

    [Fact]
    public void After_AFailure_KeepsEverHealthy()
    {
        var state = Run(3, (Pass, 1), (Fail, 2))[^1].State;

        Assert.Equal(new CheckState(false, 1, true, "failed", At(2)), state);
    }
}
