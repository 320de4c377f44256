using Mesos.Orleans.Runtime.Storage;
using Mesos.Orleans.Storage.Sqlite;

namespace Mesos.Orleans.Storage.Tests.Sqlite;

/// <summary>
/// The child process of the crash test: writes batches forever and prints each batch's number once WriteAsync has
/// returned, i.e. once the batch is committed. The parent kills it with SIGKILL mid-stream.
/// </summary>
internal static class CrashWriter
{
    public const int RowsPerBatch = 100;
    public const string GrainType = "Crash";

    /// <summary>The shared counter every batch bumps: its version equals the number of batches committed.</summary>
    public static readonly StateAddress Counter = new(GrainType, "counter", "state");

    public static StateAddress Row(long batch, int row) => new(GrainType, $"batch-{batch}", "state", $"row-{row:D3}");

    public static byte[] Payload(long batch, int row) => System.Text.Encoding.UTF8.GetBytes($"batch {batch} row {row} " + new string('x', 200));

    public static async Task RunAsync(string path)
    {
        await using var store = new SqliteGrainStateStore(path);
        await store.InitializeAsync(CancellationToken.None);
        for (long batch = 1; ; batch++)
        {
            var writes = new List<StateWrite>(RowsPerBatch + 1) { new(Counter, batch - 1, BitConverter.GetBytes(batch)) };
            for (var row = 0; row < RowsPerBatch; row++)
            {
                writes.Add(new StateWrite(Row(batch, row), 0, Payload(batch, row)));
            }

            var outcomes = await store.WriteAsync(writes, CancellationToken.None);
            if (!outcomes.All(o => o.Applied))
            {
                throw new InvalidOperationException($"batch {batch} was not fully applied");
            }

            Console.Out.WriteLine(batch);
        }
    }
}
