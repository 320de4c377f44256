using Xunit;

namespace Mesos.Orleans.Docker.Tests;

/// <summary>The tests that share one <see cref="DockerEngineFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class DockerEngineCollectionDefinition : ICollectionFixture<DockerEngineFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Docker engine";
}
