using Mesos.Orleans.Storage.Leases;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Conformance;

/// <summary>The behaviour every <see cref="ILeaseStore"/> engine must have. Each test gets a fresh database.</summary>
public abstract class LeaseStoreConformance : IAsyncLifetime
{
    private static readonly TimeSpan LongTtl = TimeSpan.FromMinutes(5);
    private readonly List<ILeaseStore> _stores = [];

    /// <summary>An initialized lease store on this test's database.</summary>
    protected ILeaseStore Leases { get; private set; } = null!;

    /// <summary>A TTL short enough for a test to wait out.</summary>
    protected abstract TimeSpan ShortTtl { get; }

    /// <summary>Creates an empty database and a new, uninitialized lease store on it.</summary>
    protected abstract Task<ILeaseStore> CreateLeaseStoreAsync();

    /// <summary>Returns once the store's clock has passed <paramref name="lease"/>'s expiry.</summary>
    protected abstract Task WaitUntilExpiredAsync(Lease lease);

    public async Task InitializeAsync()
    {
        Leases = await CreateLeaseStoreAsync();
        _stores.Add(Leases);
        await Leases.InitializeAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task TryAcquireAsync_FreeLease_GrantsEpochOne()
    {
        var lease = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        Assert.NotNull(lease);
        Assert.Equal(("leader", "m1", "http://m1:5050", 1L), (lease.Name, lease.Holder, lease.HolderAddress, lease.Epoch));
        Assert.Equal(lease, await Leases.ReadAsync("leader", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_ByHolder_RenewsWithSameEpochAndLaterExpiry()
    {
        var first = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        var renewed = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5051", LongTtl * 2, CancellationToken.None);

        Assert.NotNull(renewed);
        Assert.Equal(("m1", "http://m1:5051", 1L), (renewed.Holder, renewed.HolderAddress, renewed.Epoch));
        Assert.True(renewed.Expiry > first!.Expiry, $"renewed expiry {renewed.Expiry:O} is not after {first.Expiry:O}");
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnother_ReturnsNullAndKeepsHolder()
    {
        var held = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        Assert.Null(await Leases.TryAcquireAsync("leader", "m2", "http://m2:5050", LongTtl, CancellationToken.None));
        Assert.Equal(held, await Leases.ReadAsync("leader", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_AfterExpiry_TakesOverWithNextEpoch()
    {
        var old = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", ShortTtl, CancellationToken.None);
        await WaitUntilExpiredAsync(old!);

        Assert.Null(await Leases.ReadAsync("leader", CancellationToken.None));
        var taken = await Leases.TryAcquireAsync("leader", "m2", "http://m2:5050", LongTtl, CancellationToken.None);

        Assert.NotNull(taken);
        Assert.Equal(("m2", "http://m2:5050", 2L), (taken.Holder, taken.HolderAddress, taken.Epoch));
        Assert.Null(await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None));
    }

    [Fact]
    public async Task ReleaseAsync_ByHolder_LetsAnotherAcquireAtOnce()
    {
        await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        Assert.True(await Leases.ReleaseAsync("leader", "m1", CancellationToken.None));

        Assert.Null(await Leases.ReadAsync("leader", CancellationToken.None));
        var taken = await Leases.TryAcquireAsync("leader", "m2", "http://m2:5050", LongTtl, CancellationToken.None);
        Assert.Equal(("m2", 2L), (taken!.Holder, taken.Epoch));
    }

    [Fact]
    public async Task ReleaseAsync_ThenReacquireBySameHolder_StartsNewEpoch()
    {
        await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);
        await Leases.ReleaseAsync("leader", "m1", CancellationToken.None);

        var again = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        Assert.Equal(2L, again!.Epoch);
    }

    [Fact]
    public async Task ReleaseAsync_ByNonHolder_ReturnsFalseAndKeepsLease()
    {
        var held = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", LongTtl, CancellationToken.None);

        Assert.False(await Leases.ReleaseAsync("leader", "m2", CancellationToken.None));
        Assert.False(await Leases.ReleaseAsync("never-taken", "m1", CancellationToken.None));
        Assert.Equal(held, await Leases.ReadAsync("leader", CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_NeverTaken_ReturnsNull()
    {
        Assert.Null(await Leases.ReadAsync("leader", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_DifferentNames_AreIndependent()
    {
        var a = await Leases.TryAcquireAsync("leader-a", "m1", "http://m1:5050", LongTtl, CancellationToken.None);
        var b = await Leases.TryAcquireAsync("leader-b", "m2", "http://m2:5050", LongTtl, CancellationToken.None);

        Assert.Equal(("m1", 1L), (a!.Holder, a.Epoch));
        Assert.Equal(("m2", 1L), (b!.Holder, b.Epoch));
    }

    [Fact]
    public async Task TryAcquireAsync_ConcurrentContenders_OnlyOneWins()
    {
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => Leases.TryAcquireAsync("leader", $"m{i}", $"http://m{i}:5050", LongTtl, CancellationToken.None))));

        var winner = Assert.Single(attempts, lease => lease is not null);
        Assert.Equal(1L, winner!.Epoch);
        Assert.Equal(winner, await Leases.ReadAsync("leader", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcquireAsync_NonPositiveTtl_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Leases.TryAcquireAsync("leader", "m1", "a", TimeSpan.Zero, CancellationToken.None));
    }
}
