using Mesos.Orleans.Storage.Tests.Conformance;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>Fenced writes on PostgreSQL: two masters' pools on one database.</summary>
[Collection(PostgresServerGroup.Name)]
public sealed class PostgresFencedWriteTests(PostgresServerFixture server) : FencedWriteConformance
{
    private string? _connectionString;

    protected override async Task<GrainStorage> OpenAsync()
    {
        _connectionString ??= await server.CreateDatabaseAsync();
        return GrainStateStores.Open(_connectionString);
    }
}
