using Mesos.Orleans.Testing;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Tests.Support;
using Mesos.Orleans.Docker.Transport;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class DockerClientTests(DockerEngineFixture engine)
{
    [Fact]
    public async Task DockerClient_PingCompletesAgainstTheEngine()
    {
        using var cts = TestTimeout.Start();
        await engine.Client.PingAsync(cts.Token);
    }

    [Fact]
    public async Task DockerClient_NegotiatesTheLowerOfItsMaximumAndTheEngineVersion()
    {
        using var cts = TestTimeout.Start();
        using var client = new DockerClient(new DockerClientOptions { Endpoint = engine.Client.Endpoint });
        Assert.Null(client.ApiVersion);

        var engineVersion = Version.Parse((await client.GetVersionAsync(cts.Token)).ApiVersion);
        var negotiated = await client.NegotiateApiVersionAsync(cts.Token);

        var expected = engineVersion < DockerClient.MaximumApiVersion ? engineVersion : DockerClient.MaximumApiVersion;
        Assert.Equal(expected, negotiated);
        Assert.Equal(expected, client.ApiVersion);
        Assert.True(negotiated >= DockerClient.MinimumApiVersion, $"negotiated {negotiated}");
    }

    [Fact]
    public async Task DockerClient_NegotiatesOnTheFirstVersionedRequest()
    {
        using var cts = TestTimeout.Start();
        using var client = new DockerClient(new DockerClientOptions { Endpoint = engine.Client.Endpoint });

        await client.Containers.ListAsync(DockerFilters.Label(DockerEngineFixture.RunLabel, "no-such-run"), all: true, cts.Token);

        Assert.NotNull(client.ApiVersion);
    }

    [Fact]
    public async Task DockerClient_SpeaksAPinnedVersionWithoutNegotiating()
    {
        using var cts = TestTimeout.Start();
        using var client = new DockerClient(new DockerClientOptions { Endpoint = engine.Client.Endpoint, ApiVersion = new Version(1, 41) });
        Assert.Equal(new Version(1, 41), client.ApiVersion);

        var containers = await client.Containers.ListAsync(DockerFilters.Label(DockerEngineFixture.RunLabel, "no-such-run"), all: true, cts.Token);

        Assert.Empty(containers);
        Assert.Equal(new Version(1, 41), client.ApiVersion);
    }

    [Fact]
    public void DockerClient_RefusesAPinnedVersionBelowItsMinimum() =>
        Assert.Throws<ArgumentException>(() => new DockerClient(new DockerClientOptions { ApiVersion = new Version(1, 40) }));

    [Fact]
    public async Task DockerClient_RaisesConnectionExceptionWhenNoSocketExists()
    {
        using var cts = TestTimeout.Start();
        var socket = Path.Combine(Path.GetTempPath(), "mesos-orleans-no-engine-" + Guid.NewGuid().ToString("N") + ".sock");
        using var client = new DockerClient(new DockerClientOptions { Endpoint = DockerEndpoint.Unix(socket) });

        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => client.PingAsync(cts.Token));

        Assert.Contains(socket, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DockerClient_RaisesConnectionExceptionWhenNothingListensOnTheTcpPort()
    {
        using var cts = TestTimeout.Start();
        var port = FreePort.Next();
        using var client = new DockerClient(new DockerClientOptions { Endpoint = DockerEndpoint.Tcp("127.0.0.1", port) });

        var error = await Assert.ThrowsAsync<DockerConnectionException>(() => client.Containers.ListAsync(cancellationToken: cts.Token));

        Assert.Contains($"tcp://127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }
}
