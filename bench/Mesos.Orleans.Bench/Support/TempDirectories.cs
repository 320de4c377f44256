namespace Mesos.Orleans.Bench.Support;

/// <summary>The benchmarks' temp directories.</summary>
public static class TempDirectories
{
    /// <summary>Deletes a directory and what it holds, unless a file in it is still open: then it is left for another day.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A master's files may still be closing.
        }
    }
}
