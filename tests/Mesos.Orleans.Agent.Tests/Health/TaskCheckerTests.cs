using Mesos.Orleans.Agent.Health;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Agent.Tests.Health;

/// <summary>The checker's timing and what it reports, with scripted probes and a fake clock.</summary>
public sealed class TaskCheckerTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly List<CheckChange> _changes = [];
    private readonly List<string> _kills = [];

    private TaskChecker Checker(params (TaskCheck Check, IProbe Probe)[] checks)
    {
        var checker = new TaskChecker(checks, _time.GetUtcNow(), _time, c => { lock (_changes) { _changes.Add(c); } }, k => { lock (_kills) { _kills.Add(k); } });
        checker.Start();
        return checker;
    }

    private static TaskCheck Health(double grace = 0, int maxFailures = 3) =>
        new() { Kind = "HTTP", DelaySeconds = 1, IntervalSeconds = 1, TimeoutSeconds = 1, GracePeriodSeconds = grace, MaxConsecutiveFailures = maxFailures };

    // Moves the clock one interval at a time, each time waiting for the check to have run.
    private async Task TickAsync(ScriptedProbe probe, int times)
    {
        for (var i = 0; i < times; i++)
        {
            var before = probe.Calls;
            _time.Advance(TimeSpan.FromSeconds(1));
            await Eventually.Until(() => probe.Calls > before, "the check to run");
        }
    }

    [Fact]
    public async Task TaskChecker_ReportsHealthOnlyWhenItChanges()
    {
        var probe = new ScriptedProbe(true, true, false, true);
        using var checker = Checker((Health(), probe));

        await TickAsync(probe, 4);

        Assert.Equal([true, false, true], _changes.Select(c => c.Healthy));
        Assert.Empty(_kills);
    }

    [Fact]
    public async Task TaskChecker_KillsAfterTooManyFailuresInARow()
    {
        var probe = new ScriptedProbe(true, false, false, false);
        using var checker = Checker((Health(maxFailures: 2), probe));

        await TickAsync(probe, 4);

        Assert.Single(_kills);
        Assert.StartsWith("killed after 2 consecutive failed health checks", _kills[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskChecker_IgnoresFailuresInTheGracePeriodUntilTheFirstSuccess()
    {
        var probe = new ScriptedProbe(false, false, true, false);
        using var checker = Checker((Health(grace: 10, maxFailures: 1), probe));

        await TickAsync(probe, 4);

        Assert.Equal([true, false], _changes.Select(c => c.Healthy)); // the failures before the first success do not count
        Assert.Single(_kills); // the one after it does, grace period or not
    }

    [Fact]
    public async Task TaskChecker_ReportsReadyOnceAndStopsChecking()
    {
        var probe = new ScriptedProbe(false, true, true, true);
        var readiness = new TaskCheck { Kind = "HTTP", Readiness = true, DelaySeconds = 1, IntervalSeconds = 1, TimeoutSeconds = 1 };
        using var checker = Checker((readiness, probe));

        await TickAsync(probe, 2);
        _time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(2, probe.Calls);
        Assert.Equal([true], _changes.Where(c => !c.Quiet).Select(c => c.Ready));
    }

    /// <summary>Answers with the scripted results, one per call.</summary>
    private sealed class ScriptedProbe(params bool[] results) : IProbe
    {
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
        {
            var call = Interlocked.Increment(ref _calls);
            var passed = results[Math.Min(call - 1, results.Length - 1)];
            return Task.FromResult(new ProbeResult(passed, passed ? "ok" : "bad"));
        }
    }
}
