namespace Mesos.Orleans.Deployment.Tests;

/// <summary>Finds files of the repository these tests were built from.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository's root: the first directory above the test binaries holding the solution.</summary>
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Mesos.Orleans.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Mesos.Orleans.sln above {AppContext.BaseDirectory}.");
    }
}
