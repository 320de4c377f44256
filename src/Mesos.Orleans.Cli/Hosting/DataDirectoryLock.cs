namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// Holds an exclusive lock on a data directory for the life of the process, so two <c>up</c> never share one.
/// The lock is the kernel's: it goes when the process does, even on <c>kill -9</c>.
/// </summary>
internal sealed class DataDirectoryLock : IDisposable
{
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>The lock, or null when another process holds it (said on <paramref name="error"/>).</summary>
    public static DataDirectoryLock? TryAcquire(string directory, TextWriter error)
    {
        try
        {
            return Acquire(directory);
        }
        catch (InvalidOperationException e)
        {
            error.WriteLine($"Error: {e.Message}");
            return null;
        }
    }

    public static DataDirectoryLock Acquire(string directory)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "lock");
        try
        {
            var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true))
            {
                writer.Write(Environment.ProcessId);
            }

            return new DataDirectoryLock(file);
        }
        catch (IOException)
        {
            var holder = File.Exists(path) ? File.ReadAllText(path).Trim() : "?";
            throw new InvalidOperationException($"another mesos-orleans (pid {holder}) uses the data directory {directory}");
        }
    }

    public void Dispose() => _file.Dispose();
}
