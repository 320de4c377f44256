using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Storage.Sqlite;
using Mesos.Orleans.Storage.Tests.Support;
using Npgsql;
using Xunit;

namespace Mesos.Orleans.Storage.Tests;

/// <summary>Engine selection from the store string.</summary>
public sealed class GrainStateStoresTests
{
    [Fact]
    public async Task GrainStateStores_FilePath_OpensSqliteAndCreatesDirectory()
    {
        using var directory = new TempDirectory();
        var path = directory.File("a/b/state.db");

        await using var storage = GrainStateStores.Open(path);
        await storage.InitializeAsync(CancellationToken.None);

        Assert.Equal(StorageEngine.Sqlite, storage.Engine);
        Assert.Equal(path, storage.Location);
        Assert.IsType<SqliteGrainStateStore>(storage.States);
        Assert.IsType<SqliteLeaseStore>(storage.Leases);
        Assert.True(File.Exists(path));
        Assert.NotNull(await storage.Leases.TryAcquireAsync("leader", "m1", "a", TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Theory]
    [InlineData("Host=db1;Database=mesos;Username=u")]
    [InlineData("  host = db1 ; Database=mesos")]
    [InlineData("postgres://db1/mesos")]
    [InlineData("postgresql://u:p@db1:5433/mesos")]
    public async Task GrainStateStores_PostgresString_OpensPostgres(string store)
    {
        await using var storage = GrainStateStores.Open(store);

        Assert.Equal(StorageEngine.Postgres, storage.Engine);
        Assert.IsType<PostgresGrainStateStore>(storage.States);
        Assert.IsType<PostgresLeaseStore>(storage.Leases);
    }

    [Fact]
    public void PostgresConnectionStrings_Uri_ConvertsEveryPart()
    {
        var converted = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalize(
            "postgresql://mesos%40corp:p%3Ass%40w0rd@db.example.com:6432/state%20db?sslmode=verify-full&application_name=master&connect_timeout=7"));

        Assert.Equal(("mesos@corp", "p:ss@w0rd", "db.example.com", 6432, "state db"),
            (converted.Username, converted.Password, converted.Host, converted.Port, converted.Database));
        Assert.Equal((SslMode.VerifyFull, "master", 7), (converted.SslMode, converted.ApplicationName, converted.Timeout));
    }

    [Theory]
    [InlineData("postgres://[::1]:5999/db", "::1", 5999)]
    [InlineData("postgres://localhost/db", "localhost", 5432)]
    [InlineData("postgres://%2Fvar%2Frun%2Fpostgresql/db", "/var/run/postgresql", 5432)]
    [InlineData("postgres://h1:5001,h2:5002/db", "h1:5001,h2:5002", 5432)]
    public void PostgresConnectionStrings_UriHosts_Convert(string uri, string host, int port)
    {
        var converted = new NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalize(uri));

        Assert.Equal((host, port, "db"), (converted.Host, converted.Port, converted.Database));
    }

    [Fact]
    public void PostgresConnectionStrings_UnknownUriParameter_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionStrings.Normalize("postgres://h/db?no_such_thing=1"));

        Assert.Contains("no_such_thing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/var/lib/mesos/state.db")]
    [InlineData("state.db")]
    [InlineData("./data/hosts.db")]
    public void PostgresConnectionStrings_Paths_AreNotPostgres(string store)
    {
        Assert.False(PostgresConnectionStrings.IsPostgres(store));
    }
}
