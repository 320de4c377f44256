using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class ContainerLogsTests(DockerEngineFixture engine)
{
    private const string Script = "echo out1; echo err1 >&2; echo out2; echo err2 >&2; echo out3";

    private DockerClient Client => engine.Client;

    [Fact]
    public async Task ContainerOperations_LogsSeparateStdoutFromStderr()
    {
        using var cts = TestTimeout.Start();
        var id = await RunToEndAsync(DockerEngineFixture.Busybox("sh", "-c", Script), cts.Token);

        var (stdout, stderr) = await ContainerOutput.ReadAsync(Client, id, null, cts.Token);

        Assert.Equal("out1\nout2\nout3\n", stdout);
        Assert.Equal("err1\nerr2\n", stderr);
    }

    [Fact]
    public async Task ContainerOperations_LogsReadOnlyTheSelectedStream()
    {
        using var cts = TestTimeout.Start();
        var id = await RunToEndAsync(DockerEngineFixture.Busybox("sh", "-c", Script), cts.Token);

        var stderrOnly = await ContainerOutput.ReadAsync(Client, id, new ContainerLogsParameters { Stdout = false }, cts.Token);

        Assert.Equal(("", "err1\nerr2\n"), stderrOnly);
    }

    [Fact]
    public async Task ContainerOperations_LogsTailKeepsTheLastLines()
    {
        using var cts = TestTimeout.Start();
        var id = await RunToEndAsync(DockerEngineFixture.Busybox("sh", "-c", "echo line1; echo line2; echo line3; echo line4"), cts.Token);

        var lastTwo = await ContainerOutput.ReadAsync(Client, id, new ContainerLogsParameters { Tail = 2 }, cts.Token);
        var none = await ContainerOutput.ReadAsync(Client, id, new ContainerLogsParameters { Tail = 0 }, cts.Token);

        Assert.Equal(("line3\nline4\n", ""), lastTwo);
        Assert.Equal(("", ""), none);
    }

    [Fact]
    public async Task ContainerOperations_LogsOfATtyContainerAreOneRawStream()
    {
        using var cts = TestTimeout.Start();
        var id = await RunToEndAsync(DockerEngineFixture.Busybox("sh", "-c", "echo tty-out; echo tty-err >&2") with { Tty = true }, cts.Token);

        var frames = new List<LogFrame>();
        await foreach (var frame in Client.Containers.GetLogsAsync(id, cancellationToken: cts.Token))
        {
            frames.Add(frame);
        }

        Assert.All(frames, f => Assert.Equal(LogStreamType.Stdout, f.Stream));
        Assert.Equal("tty-out\r\ntty-err\r\n", string.Concat(frames.Select(f => f.Text)));
    }

    [Fact]
    public async Task ContainerOperations_LogsWithTimestampsPrefixEachLine()
    {
        using var cts = TestTimeout.Start();
        var id = await RunToEndAsync(DockerEngineFixture.Busybox("echo", "stamped"), cts.Token);

        var (stdout, _) = await ContainerOutput.ReadAsync(Client, id, new ContainerLogsParameters { Timestamps = true }, cts.Token);

        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z stamped\n$", stdout);
    }

    [Fact]
    public async Task ContainerOperations_FollowedLogsEndWhenTheContainerExits()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sh", "-c", "echo ready; sleep 1; echo later >&2"), start: true, cts.Token);

        var followed = await ContainerOutput.ReadAsync(Client, id, new ContainerLogsParameters { Follow = true }, cts.Token);

        Assert.Equal(("ready\n", "later\n"), followed);
        Assert.False((await Client.Containers.InspectAsync(id, cts.Token)).State.Running);
    }

    private async Task<string> RunToEndAsync(CreateContainerRequest request, CancellationToken cancellationToken)
    {
        var id = await engine.CreateAsync(request, start: true, cancellationToken);
        Assert.Equal(0, (await Client.Containers.WaitAsync(id, cancellationToken: cancellationToken)).StatusCode);
        return id;
    }
}
