using System.Collections.Concurrent;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Storage.Leases;
using Mesos.Orleans.Storage.Sqlite;
using Mesos.Orleans.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mesos.Orleans.Master.Tests.Leadership;

/// <summary>Masters competing over a real lease store (a SQLite file), on the real clock with short leases.</summary>
public sealed class LeaderElectionTests : IAsyncLifetime
{
    private static readonly ElectionOptions Short = new()
    {
        Ttl = TimeSpan.FromSeconds(2),
        RenewInterval = TimeSpan.FromMilliseconds(300),
        RetryInterval = TimeSpan.FromMilliseconds(100),
        SafetyMargin = TimeSpan.FromMilliseconds(700),
        StandbyPollInterval = TimeSpan.FromMilliseconds(100),
    };

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("mesos-orleans-election-");
    private readonly List<SqliteLeaseStore> _stores = [];
    private readonly List<CancellationTokenSource> _runs = [];
    private readonly ConcurrentQueue<string> _events = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var run in _runs)
        {
            await run.CancelAsync();
            run.Dispose();
        }

        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Delete(recursive: true);
    }

    [Fact]
    public async Task OneOfTwoLeads_TheOtherKnowsWhere()
    {
        var (a, _) = await StartAsync("a");
        var (b, _) = await StartAsync("b");

        await Eventually.Until(() => a.IsLeader ^ b.IsLeader && a.Leader is not null && b.Leader is not null, "one leader, known to both");

        var (leader, standby) = a.IsLeader ? (a, b) : (b, a);
        Assert.Equal(leader.AdvertisedUrl, standby.Leader!.Url);
        Assert.Equal(leader.HolderId, standby.Leader.HolderId);
        Assert.Equal(leader.Leader!.Epoch, standby.Leader.Epoch);
    }

    [Fact]
    public async Task ADeadLeadersLease_IsTakenOverAfterExpiry_InTheNextEpoch()
    {
        var (a, aRun) = await StartAsync("a");
        await Eventually.Until(() => a.IsLeader, "a leads");
        var (b, _) = await StartAsync("b");
        await Eventually.Until(() => b.Leader?.HolderId == a.HolderId, "b knows a leads");
        var firstEpoch = a.Leader!.Epoch;

        await aRun.CancelAsync(); // a dies: no renewal, no release

        await Eventually.Until(() => b.IsLeader, "b takes over once a's lease expired");
        Assert.Equal(firstEpoch + 1, b.Leader!.Epoch);
        Assert.Equal(b.AdvertisedUrl, b.Leader.Url);
    }

    [Fact]
    public async Task AResigningLeader_HandsOverAtOnce()
    {
        var (a, aRun) = await StartAsync("a");
        await Eventually.Until(() => a.IsLeader, "a leads");
        var (b, _) = await StartAsync("b", new ElectionOptions { Ttl = TimeSpan.FromMinutes(5), RenewInterval = TimeSpan.FromSeconds(1) });
        await Eventually.Until(() => b.Leader?.HolderId == a.HolderId, "b knows a leads");

        await aRun.CancelAsync();
        await a.ResignAsync(CancellationToken.None);

        Assert.False(a.IsLeader);
        await Eventually.Until(() => b.IsLeader, "b leads after a resigned", timeout: TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task ALeaderCutOffFromTheStore_StepsDownBeforeAnotherIsElected()
    {
        var cut = new SeverableLeaseStore(await OpenStoreAsync());
        var a = Election("a", cut, Short);
        var aDeposed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        a.Deposed += reason =>
        {
            _events.Enqueue("a deposed");
            aDeposed.TrySetResult(reason);
        };
        Run(a);
        await Eventually.Until(() => a.IsLeader, "a leads");
        var (b, _) = await StartAsync("b");
        b.Elected += _ => _events.Enqueue("b elected");
        await Eventually.Until(() => b.Leader?.HolderId == a.HolderId, "b knows a leads");

        cut.Sever(); // a's requests now hang, as when partitioned from the database

        var reason = await aDeposed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Contains("renewed within", reason, StringComparison.Ordinal);
        await Eventually.Until(() => b.IsLeader, "b takes over");
        Assert.Equal(["a deposed", "b elected"], _events.ToArray());
        Assert.False(a.IsLeader);
        Assert.Null(a.Leader);
    }

    [Fact]
    public async Task AMasterRestartedAtItsAddress_NamesNoLeader_UntilItsPredecessorsLeaseExpires()
    {
        var (before, run) = await StartAsync("a");
        await Eventually.Until(() => before.IsLeader, "a leads");
        await run.CancelAsync(); // killed: the lease stays until it expires

        var again = Election("a", await OpenStoreAsync(), Short);
        var leaders = new ConcurrentQueue<LeaderInfo?>();
        again.LeaderChanged += leaders.Enqueue;
        Run(again);

        await Eventually.Until(() => again.IsLeader, "a's new run leads once the old lease expired");
        Assert.Equal(again.HolderId, Assert.Single(leaders, l => l is not null)!.HolderId); // never the dead run
        Assert.Equal(before.Leader!.Epoch + 1, again.Leader!.Epoch);
    }

    [Fact]
    public async Task AMasterRestartedAtItsAddress_TakesTheLeaseOverAtOnce_WhenItsPredecessorHasEnded()
    {
        // A lease far longer than the test may wait: only the takeover can make the new run lead in time.
        var longLease = Short with { Ttl = TimeSpan.FromMinutes(5), SafetyMargin = TimeSpan.FromSeconds(30) };
        var (before, run) = await StartAsync("a", longLease);
        await Eventually.Until(() => before.IsLeader, "a leads");
        await run.CancelAsync(); // killed: the lease stays for five minutes

        var again = Election("a", await OpenStoreAsync(), longLease, holderHasEnded: holder => holder == before.HolderId);
        Run(again);

        await Eventually.Until(() => again.IsLeader, "a's new run leads at once", TimeSpan.FromSeconds(10));
        Assert.Equal(before.Leader!.Epoch + 1, again.Leader!.Epoch);
    }

    [Fact]
    public async Task AStandby_DoesNotTakeOverALiveLeadersLease()
    {
        var longLease = Short with { Ttl = TimeSpan.FromMinutes(5), SafetyMargin = TimeSpan.FromSeconds(30) };
        var (leader, _) = await StartAsync("a", longLease);
        await Eventually.Until(() => leader.IsLeader, "a leads");
        var asked = new ConcurrentQueue<string>();
        var standby = Election("b", await OpenStoreAsync(), longLease, holderHasEnded: holder =>
        {
            asked.Enqueue(holder);
            return false;
        });
        Run(standby);

        await Eventually.Until(() => asked.Count >= 3, "b to look at the lease a few times");
        Assert.All(asked, holder => Assert.Equal(leader.HolderId, holder));
        Assert.True(leader.IsLeader);
        Assert.False(standby.IsLeader);
        Assert.Equal(leader.HolderId, standby.Leader?.HolderId);
    }

    private async Task<(LeaderElection Election, CancellationTokenSource Run)> StartAsync(string name, ElectionOptions? options = null)
    {
        var election = Election(name, await OpenStoreAsync(), options ?? Short);
        return (election, Run(election));
    }

    private static LeaderElection Election(string name, ILeaseStore store, ElectionOptions options, Func<string, bool>? holderHasEnded = null) =>
        new(store, name + "-" + Guid.NewGuid().ToString("N")[..8], new Uri($"http://{name}.example:5050/"), options, TimeProvider.System, NullLogger.Instance, holderHasEnded);

    private CancellationTokenSource Run(LeaderElection election)
    {
        var run = new CancellationTokenSource();
        _runs.Add(run);
        _ = election.RunAsync(run.Token);
        return run;
    }

    private async Task<SqliteLeaseStore> OpenStoreAsync()
    {
        var store = new SqliteLeaseStore(Path.Combine(_directory.FullName, "state.db"));
        _stores.Add(store);
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }

    /// <summary>A lease store whose requests can be made to hang, as a network partition does (a fault the real store cannot show here).</summary>
    private sealed class SeverableLeaseStore(ILeaseStore inner) : ILeaseStore
    {
        private volatile bool _severed;

        public void Sever() => _severed = true;

        public Task InitializeAsync(CancellationToken cancellationToken) => inner.InitializeAsync(cancellationToken);

        public async Task<Lease?> TryAcquireAsync(string leaseName, string holderId, string holderAddress, TimeSpan ttl, CancellationToken cancellationToken)
        {
            await HangIfSeveredAsync(cancellationToken);
            return await inner.TryAcquireAsync(leaseName, holderId, holderAddress, ttl, cancellationToken);
        }

        public async Task<bool> ReleaseAsync(string leaseName, string holderId, CancellationToken cancellationToken)
        {
            await HangIfSeveredAsync(cancellationToken);
            return await inner.ReleaseAsync(leaseName, holderId, cancellationToken);
        }

        public async Task<Lease?> ReadAsync(string leaseName, CancellationToken cancellationToken)
        {
            await HangIfSeveredAsync(cancellationToken);
            return await inner.ReadAsync(leaseName, cancellationToken);
        }

        private Task HangIfSeveredAsync(CancellationToken cancellationToken) =>
            _severed ? Task.Delay(Timeout.Infinite, cancellationToken) : Task.CompletedTask;
    }
}
