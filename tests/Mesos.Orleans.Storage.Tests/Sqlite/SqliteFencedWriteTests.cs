using Mesos.Orleans.Storage.Tests.Conformance;
using Mesos.Orleans.Storage.Tests.Support;

namespace Mesos.Orleans.Storage.Tests.Sqlite;

/// <summary>Fenced writes on SQLite: two stores on one file, as two masters on one machine.</summary>
public sealed class SqliteFencedWriteTests : FencedWriteConformance, IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override Task<GrainStorage> OpenAsync() => Task.FromResult(GrainStateStores.Open(_directory.File("state.db")));

    public void Dispose() => _directory.Dispose();
}
