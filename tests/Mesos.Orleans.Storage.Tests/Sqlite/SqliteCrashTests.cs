using System.Diagnostics;
using Mesos.Orleans.Storage.Sqlite;
using Mesos.Orleans.Storage.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Storage.Tests.Sqlite;

/// <summary>
/// Kills a writing process with SIGKILL and checks what the file holds afterwards: every batch the child reported
/// committed, in full, and no batch in part.
/// </summary>
public sealed class SqliteCrashTests : IDisposable
{
    private const int BatchesBeforeKill = 30;
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task SqliteGrainStateStore_KilledMidStream_KeepsEveryReportedBatchWholeAndNoPartialOne()
    {
        var path = _directory.File("crash.db");
        var reported = await RunChildUntilKilledAsync(path);
        Assert.True(reported.Count >= BatchesBeforeKill, $"the child reported only {reported.Count} batches");
        Assert.Equal(Enumerable.Range(1, reported.Count).Select(i => (long)i), reported);

        await using var store = new SqliteGrainStateStore(path);
        await store.InitializeAsync(CancellationToken.None);

        // The counter is bumped by every batch, so its version is the number of batches committed; the child may
        // have committed one more than it printed, but never fewer.
        var committed = (await store.ReadAsync(CrashWriter.Counter, CancellationToken.None))!.Version;
        Assert.InRange(committed, reported[^1], reported[^1] + 1);
        for (long batch = 1; batch <= committed; batch++)
        {
            var rows = await store.ReadEntriesAsync(CrashWriter.GrainType, $"batch-{batch}", "state", CancellationToken.None);
            Assert.Equal(CrashWriter.RowsPerBatch, rows.Count);
            for (var row = 0; row < rows.Count; row++)
            {
                Assert.Equal(CrashWriter.Row(batch, row), rows[row].Address);
                Assert.Equal(CrashWriter.Payload(batch, row), rows[row].Payload);
            }
        }

        // Nothing of the batch that was in flight (or any later one) is there.
        Assert.Empty(await store.ReadEntriesAsync(CrashWriter.GrainType, $"batch-{committed + 1}", "state", CancellationToken.None));
        var keys = await store.ListGrainKeysAsync(CrashWriter.GrainType, "state", CancellationToken.None);
        Assert.Equal(committed + 1, keys.Count); // the batches plus the counter
    }

    private static async Task<List<long>> RunChildUntilKilledAsync(string path)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(CrashWriter).Assembly.Location);
        start.ArgumentList.Add("crash-writer");
        start.ArgumentList.Add(path);

        using var child = Process.Start(start)!;
        var stderr = child.StandardError.ReadToEndAsync();
        var reported = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                reported.Add(long.Parse(line, System.Globalization.CultureInfo.InvariantCulture));
                if (reported.Count == BatchesBeforeKill)
                {
                    // Process.Kill sends SIGKILL on Unix: no finally blocks, no flush, no dispose in the child.
                    child.Kill();
                }
            }
        }
        finally
        {
            if (!child.HasExited)
            {
                child.Kill();
            }
        }

        await child.WaitForExitAsync();
        Assert.True(reported.Count >= BatchesBeforeKill, $"the child exited early with {child.ExitCode}: {await stderr}");
        // Lines the child printed before the kill are still read above: they are batches it saw committed.
        return reported;
    }
}
