namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>Files of the repository the tests run from (the example manifests).</summary>
public static class Repository
{
    /// <summary>The repository's root: the directory that holds Mesos.Orleans.sln.</summary>
    public static string Root { get; } = Find();

    /// <summary>The example manifests directory.</summary>
    public static string Manifests => Path.Combine(Root, "manifests");

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesos.Orleans.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Mesos.Orleans.sln above {AppContext.BaseDirectory}");
    }
}
