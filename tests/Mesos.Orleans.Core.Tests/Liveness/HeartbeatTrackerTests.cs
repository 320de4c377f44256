using Mesos.Orleans.Core.Liveness;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Core.Tests.Liveness;

public class HeartbeatTrackerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);
    private readonly FakeTimeProvider _clock = new();
    private readonly HeartbeatTracker _tracker = new(Timeout);

    [Fact]
    public void Sweep_AnAgentThatPings_StaysReachable()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        for (int i = 0; i < 10; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            Assert.True(_tracker.Beat("a", _clock.GetUtcNow()));
            Assert.Empty(_tracker.Sweep(_clock.GetUtcNow()));
        }
    }

    [Fact]
    public void Sweep_TimeTheMasterCouldNotHear_IsAddedToTheTimeout()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        _clock.Advance(Timeout + TimeSpan.FromSeconds(4));

        Assert.Empty(_tracker.Sweep(_clock.GetUtcNow(), deaf: TimeSpan.FromSeconds(5)));
        Assert.Single(_tracker.Sweep(_clock.GetUtcNow(), deaf: TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void Sweep_AnAgentSilentForTheTimeout_IsReturnedOnce_WithWhenItWasLastSeen()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromSeconds(5));
        var lastSeen = _clock.GetUtcNow();
        _tracker.Beat("a", lastSeen);

        _clock.Advance(Timeout);
        Assert.Empty(_tracker.Sweep(_clock.GetUtcNow())); // exactly the timeout is not yet too long
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        var silent = Assert.Single(_tracker.Sweep(_clock.GetUtcNow()));

        Assert.Equal(new SilentAgent("a", lastSeen, WasRegistered: true), silent);
        Assert.Empty(_tracker.Sweep(_clock.GetUtcNow().AddMinutes(1)));
        Assert.Equal(0, _tracker.Count);
    }

    [Fact]
    public void Beat_AfterBeingDeclaredUnreachable_AsksToRegisterAgain_UntilItDoes()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        _clock.Advance(TimeSpan.FromMinutes(1));
        _tracker.Sweep(_clock.GetUtcNow());

        Assert.False(_tracker.Beat("a", _clock.GetUtcNow()));
        _tracker.Registered("a", _clock.GetUtcNow());
        Assert.True(_tracker.Beat("a", _clock.GetUtcNow()));
    }

    [Fact]
    public void Beat_OfAnUnknownAgent_AsksItToRegister() => Assert.False(_tracker.Beat("stranger", _clock.GetUtcNow()));

    [Fact]
    public void Expect_AnAgentFromBefore_MustRegisterWithinTheTimeout_ItsPingsDoNotCount()
    {
        var start = _clock.GetUtcNow();
        _tracker.Expect("old", start);
        _tracker.Expect("back", start);
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(_tracker.Beat("old", _clock.GetUtcNow()));
        _tracker.Registered("back", _clock.GetUtcNow());

        _clock.Advance(Timeout);
        var silent = Assert.Single(_tracker.Sweep(_clock.GetUtcNow()));

        Assert.Equal(new SilentAgent("old", start, WasRegistered: false), silent);
    }

    [Fact]
    public void Expect_LeavesAnAgentThatAlreadyRegistered()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        _tracker.Expect("a", _clock.GetUtcNow());

        Assert.True(_tracker.Beat("a", _clock.GetUtcNow()));
    }

    [Fact]
    public void Sweep_OnlyTheSilentOnesOfMany()
    {
        var start = _clock.GetUtcNow();
        for (int i = 0; i < 1000; i++)
        {
            _tracker.Registered($"a{i}", start);
        }

        _clock.Advance(TimeSpan.FromSeconds(10));
        for (int i = 0; i < 1000; i += 2)
        {
            _tracker.Beat($"a{i}", _clock.GetUtcNow());
        }

        _clock.Advance(TimeSpan.FromSeconds(10));
        var silent = _tracker.Sweep(_clock.GetUtcNow());

        Assert.Equal(500, silent.Count);
        Assert.All(silent, s => Assert.Equal(1, int.Parse(s.AgentId[1..], System.Globalization.CultureInfo.InvariantCulture) % 2));
        Assert.Equal(500, _tracker.Count);
    }

    [Fact]
    public void Beat_AnOlderTimestamp_DoesNotMoveLastSeenBack()
    {
        _tracker.Registered("a", _clock.GetUtcNow());
        _tracker.Beat("a", _clock.GetUtcNow().AddSeconds(-30));
        _clock.Advance(Timeout);

        Assert.Empty(_tracker.Sweep(_clock.GetUtcNow()));
    }
}
