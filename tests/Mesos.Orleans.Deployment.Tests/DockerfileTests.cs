namespace Mesos.Orleans.Deployment.Tests;

/// <summary>The Dockerfile at the root builds the one executable from every project it needs.</summary>
public sealed class DockerfileTests
{
    private static readonly string Dockerfile = File.ReadAllText(RepositoryFiles.PathOf("Dockerfile"));

    [Fact]
    public void EveryProjectUnderSrc_IsCopiedForTheRestore()
    {
        var missing = Directory.GetFiles(RepositoryFiles.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(RepositoryFiles.Root, path).Replace('\\', '/'))
            .Where(project => !Dockerfile.Contains($"COPY {project} ", StringComparison.Ordinal))
            .ToList();

        Assert.True(missing.Count == 0, "the Dockerfile's restore layer lacks: " + string.Join(", ", missing));
    }

    [Fact]
    public void IsMultiStage_PublishingTheCliAsTheEntrypoint()
    {
        Assert.Contains("FROM mcr.microsoft.com/dotnet/sdk:", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("AS build", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/Mesos.Orleans.Cli/Mesos.Orleans.Cli.csproj", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("COPY --from=build", Dockerfile, StringComparison.Ordinal);
        Assert.Contains("ENTRYPOINT [\"/app/mesos-orleans\"]", Dockerfile, StringComparison.Ordinal);
    }
}
