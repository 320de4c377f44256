using Xunit;

namespace Mesos.Orleans.Storage.Tests.Postgres;

/// <summary>The test classes sharing one throwaway PostgreSQL server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresServerGroup : ICollectionFixture<PostgresServerFixture>
{
    public const string Name = "PostgreSQL server";
}
