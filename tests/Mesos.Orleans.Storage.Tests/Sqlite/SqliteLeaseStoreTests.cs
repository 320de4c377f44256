using Mesos.Orleans.Storage.Leases;
using Mesos.Orleans.Storage.Sqlite;
using Mesos.Orleans.Storage.Tests.Conformance;
using Mesos.Orleans.Storage.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Sqlite;

/// <summary>The lease conformance suite on SQLite, whose clock is the store's injected TimeProvider.</summary>
public sealed class SqliteLeaseStoreTests : LeaseStoreConformance, IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly ManualTimeProvider _clock = new(new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero));

    protected override TimeSpan ShortTtl => TimeSpan.FromSeconds(10);

    protected override Task<ILeaseStore> CreateLeaseStoreAsync() =>
        Task.FromResult<ILeaseStore>(new SqliteLeaseStore(_directory.File("leases.db"), new SqliteStoreOptions { TimeProvider = _clock }));

    protected override Task WaitUntilExpiredAsync(Lease lease)
    {
        _clock.SetUtcNow(lease.Expiry);
        return Task.CompletedTask;
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SqliteLeaseStore_Expiry_IsStoreClockPlusTtl()
    {
        var lease = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", TimeSpan.FromSeconds(15), CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2030, 1, 2, 3, 4, 20, TimeSpan.Zero), lease!.Expiry);
    }

    [Fact]
    public async Task SqliteLeaseStore_OneMillisecondBeforeExpiry_StillRefusesOthers()
    {
        var lease = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", TimeSpan.FromSeconds(15), CancellationToken.None);
        _clock.SetUtcNow(lease!.Expiry - TimeSpan.FromMilliseconds(1));

        Assert.Null(await Leases.TryAcquireAsync("leader", "m2", "http://m2:5050", TimeSpan.FromSeconds(15), CancellationToken.None));
        Assert.Equal(lease, await Leases.ReadAsync("leader", CancellationToken.None));
    }
}
