using Mesos.Orleans.Docker.Transport;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

public sealed class DockerEndpointTests
{
    [Fact]
    public void DockerEndpoint_ParsesAUnixSocket()
    {
        var endpoint = DockerEndpoint.Parse("unix:///run/user/1000/docker.sock");

        Assert.True(endpoint.IsUnixSocket);
        Assert.Equal("/run/user/1000/docker.sock", endpoint.SocketPath);
        Assert.Equal("unix:///run/user/1000/docker.sock", endpoint.ToString());
    }

    [Theory]
    [InlineData("tcp://10.0.0.5:2376", "10.0.0.5", 2376)]
    [InlineData("tcp://docker.example:80", "docker.example", 80)]
    [InlineData("tcp://docker.example", "docker.example", 2375)]
    [InlineData("http://localhost:1234/", "localhost", 1234)]
    public void DockerEndpoint_ParsesATcpAddress(string value, string host, int port)
    {
        var endpoint = DockerEndpoint.Parse(value);

        Assert.False(endpoint.IsUnixSocket);
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(port, endpoint.Port);
        Assert.Equal($"tcp://{host}:{port}", endpoint.ToString());
    }

    [Theory]
    [InlineData("ssh://user@host")]
    [InlineData("npipe:////./pipe/docker_engine")]
    [InlineData("unix://relative.sock")]
    [InlineData("tcp://host:2375/path")]
    [InlineData("/var/run/docker.sock")]
    public void DockerEndpoint_RejectsUnsupportedForms(string value) =>
        Assert.Throws<FormatException>(() => DockerEndpoint.Parse(value));

    [Fact]
    public void DockerEndpoint_DefaultsToTheEngineSocket() =>
        Assert.Equal("unix:///var/run/docker.sock", DockerEndpoint.Default.ToString());
}
