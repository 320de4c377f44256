using Mesos.Orleans.Storage.Tests.Sqlite;

namespace Mesos.Orleans.Storage.Tests;

/// <summary>
/// Entry point used only when a test runs this assembly as a child process; the test host never calls it.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args is ["crash-writer", var path])
        {
            await CrashWriter.RunAsync(path);
            return 0;
        }

        await Console.Error.WriteLineAsync("usage: crash-writer <sqlite file>");
        return 2;
    }
}
