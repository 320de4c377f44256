using Mesos.Orleans.Storage.Leases;
using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Tests.Conformance;
using Mesos.Orleans.Storage.Tests.Support;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>The lease conformance suite on PostgreSQL, whose clock is the server's now().</summary>
[Collection(PostgresServerGroup.Name)]
public sealed class PostgresLeaseStoreTests : LeaseStoreConformance
{
    private readonly PostgresServerFixture _server;
    private string _connectionString = "";

    public PostgresLeaseStoreTests(PostgresServerFixture server) => _server = server;

    protected override TimeSpan ShortTtl => TimeSpan.FromMilliseconds(300);

    protected override async Task<ILeaseStore> CreateLeaseStoreAsync()
    {
        _connectionString = await _server.CreateDatabaseAsync();
        return new PostgresLeaseStore(_connectionString);
    }

    protected override Task WaitUntilExpiredAsync(Lease lease) =>
        Eventually.HoldsAsync(async () => await ServerNowAsync() >= lease.Expiry, $"the server's clock passes {lease.Expiry:O}");

    [Fact]
    public async Task PostgresLeaseStore_Expiry_IsServerClockPlusTtl()
    {
        var before = await ServerNowAsync();
        var lease = await Leases.TryAcquireAsync("leader", "m1", "http://m1:5050", TimeSpan.FromMinutes(1), CancellationToken.None);
        var after = await ServerNowAsync();

        Assert.InRange(lease!.Expiry, before + TimeSpan.FromMinutes(1), after + TimeSpan.FromMinutes(1));
    }

    private async Task<DateTimeOffset> ServerNowAsync()
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT now()", connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return reader.GetFieldValue<DateTimeOffset>(0);
    }
}
