using Mesos.Orleans.Master.Leadership;
using Xunit;

namespace Mesos.Orleans.Master.Tests.Leadership;

public sealed class LeaseScheduleTests
{
    // ttl 8 s, renew every 2 s, retry after 0.5 s, margin 2 s: a leader leads until 6 s after its last renewal was sent.
    private static readonly ElectionOptions Options = new();

    private static TimeSpan S(double seconds) => TimeSpan.FromSeconds(seconds);

    [Fact]
    public void Standby_TriesAtOnce_ThenPollsWhileAnotherHolds()
    {
        var schedule = new LeaseSchedule(Options, S(10));
        Assert.Equal(S(10), schedule.WakeAt);

        Assert.Equal(LeaseTransition.None, schedule.HeldByAnother(S(10.1)));

        Assert.False(schedule.IsLeader);
        Assert.Equal(S(11.1), schedule.NextAttemptAt);
    }

    [Fact]
    public void Acquired_LeadsUntilTtlMinusMarginAfterTheRequestWasSent_AndRenewsFromThen()
    {
        var schedule = new LeaseSchedule(Options, S(0));

        Assert.Equal(LeaseTransition.Gained, schedule.Acquired(sentAt: S(1), now: S(1.5)));

        Assert.True(schedule.IsLeader);
        Assert.Equal(S(7), schedule.LeadsUntil); // 1 + 8 − 2, counted from the send, not the answer
        Assert.Equal(S(3), schedule.NextAttemptAt);
    }

    [Fact]
    public void Renewal_ExtendsTheTerm_WithoutASecondGain()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        schedule.Acquired(S(0), S(0.1));

        Assert.Equal(LeaseTransition.None, schedule.Acquired(sentAt: S(2), now: S(2.2)));

        Assert.Equal(S(8), schedule.LeadsUntil);
        Assert.Equal(S(4), schedule.NextAttemptAt);
    }

    [Fact]
    public void FailedRenewals_AreRetriedSoon_AndNeverLaterThanTheTermsEnd()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        schedule.Acquired(S(0), S(0.1)); // leads until 6

        Assert.Equal(LeaseTransition.None, schedule.Failed(S(2.3)));
        Assert.Equal(S(2.8), schedule.NextAttemptAt);

        Assert.Equal(LeaseTransition.None, schedule.Failed(S(5.8)));
        Assert.Equal(S(6), schedule.NextAttemptAt); // not 6.3: the retry may not outlive the term
        Assert.True(schedule.IsLeader);
    }

    [Fact]
    public void Leader_StepsDownOnItsOwnClock_WhenNoRenewalSucceeds()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        schedule.Acquired(S(0), S(0.1));

        Assert.Equal(LeaseTransition.None, schedule.Tick(S(5.999)));
        Assert.True(schedule.WakeAt <= S(6), $"wakes at {schedule.WakeAt}, after the term ends");
        Assert.Equal(LeaseTransition.Lost, schedule.Tick(S(6)));

        Assert.False(schedule.IsLeader);
        Assert.Equal(LeaseTransition.None, schedule.Tick(S(7))); // lost once
    }

    [Fact]
    public void Leader_StepsDown_BeforeTheStoreCouldGiveTheLeaseToAnother()
    {
        // The store's expiry is at least sentAt + ttl in real time; the leader is gone by sentAt + ttl − margin.
        var schedule = new LeaseSchedule(Options, S(0));
        var sentAt = S(3);
        schedule.Acquired(sentAt, S(3.4));
        var earliestTakeover = sentAt + Options.Ttl;

        Assert.Equal(LeaseTransition.Lost, schedule.Tick(schedule.LeadsUntil));
        Assert.True(schedule.LeadsUntil <= earliestTakeover - Options.SafetyMargin);
    }

    [Fact]
    public void AnAnswerThatCameTooLate_DoesNotMakeALeader()
    {
        var schedule = new LeaseSchedule(Options, S(0));

        // Sent at 0, answered at 6.5: the lease may expire on the store's clock from 8, and 6 is the safe term.
        Assert.Equal(LeaseTransition.None, schedule.Acquired(sentAt: S(0), now: S(6.5)));

        Assert.False(schedule.IsLeader);
        Assert.Equal(S(7.5), schedule.NextAttemptAt);
    }

    [Fact]
    public void ALateRenewal_EndsLeadership()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        schedule.Acquired(S(0), S(0.1)); // leads until 6

        Assert.Equal(LeaseTransition.Lost, schedule.Acquired(sentAt: S(1), now: S(7.5)));
        Assert.False(schedule.IsLeader);
    }

    [Fact]
    public void LeaseTakenByAnother_EndsLeadership()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        schedule.Acquired(S(0), S(0.1));

        Assert.Equal(LeaseTransition.Lost, schedule.HeldByAnother(S(2.1)));
        Assert.False(schedule.IsLeader);
        Assert.Equal(S(3.1), schedule.NextAttemptAt);
    }

    [Fact]
    public void AttemptDeadline_IsTheTermsEndForALeader_AndTheSafeTermForAStandby()
    {
        var schedule = new LeaseSchedule(Options, S(0));
        Assert.Equal(S(16), schedule.AttemptDeadline(S(10)));

        schedule.Acquired(S(10), S(10.1)); // leads until 16
        Assert.Equal(S(16), schedule.AttemptDeadline(S(12)));
    }

    [Fact]
    public void Options_ProblemsNameTheirFields()
    {
        var problems = new ElectionOptions { Ttl = S(3), SafetyMargin = S(2), RenewInterval = S(1), RetryInterval = TimeSpan.Zero }.Problems();

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("retryInterval:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("renewInterval:", StringComparison.Ordinal) && p.Contains("ttl − safetyMargin", StringComparison.Ordinal));
        Assert.Throws<ArgumentException>(() => new LeaseSchedule(new ElectionOptions { Ttl = TimeSpan.Zero }, S(0)));
    }

    [Fact]
    public void ForTtl_OfTheDefaultTtl_IsTheDefault_AndShortTtlsScale()
    {
        Assert.Equal(new ElectionOptions(), ElectionOptions.ForTtl(S(8)));

        var quick = ElectionOptions.ForTtl(S(2));
        Assert.Equal((S(0.5), S(0.5), S(0.125), S(0.25)), (quick.RenewInterval, quick.SafetyMargin, quick.RetryInterval, quick.StandbyPollInterval));
        Assert.Empty(quick.Problems());
    }
}
