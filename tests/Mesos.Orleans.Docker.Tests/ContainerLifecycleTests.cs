using Mesos.Orleans.Testing;
using System.Net;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class ContainerLifecycleTests(DockerEngineFixture engine)
{
    private DockerClient Client => engine.Client;

    [Fact]
    public async Task ContainerOperations_PublishedHttpdAnswersOnTheBoundHostPort()
    {
        using var cts = TestTimeout.Start();
        var hostPort = FreePort.Next();
        var request = DockerEngineFixture.Busybox("sh", "-c", "echo hello from busybox > /www/index.html && exec httpd -f -p 8080 -h /www") with
        {
            ExposedPorts = ["8080/tcp"],
            HostConfig = new HostConfig { PortBindings = new Dictionary<string, IReadOnlyList<PortBinding>?> { ["8080/tcp"] = [PortBinding.Create(hostPort, "127.0.0.1")] } },
        };

        var id = await engine.CreateAsync(request, start: true, cts.Token);

        var body = await GetUntilAnsweredAsync(new Uri($"http://127.0.0.1:{hostPort}/index.html"), cts.Token);
        Assert.Equal("hello from busybox\n", body);
        var inspect = await Client.Containers.InspectAsync(id, cts.Token);
        Assert.True(inspect.State.Running);
        Assert.Equal("running", inspect.State.Status);
        Assert.True(inspect.State.Pid > 0, $"pid {inspect.State.Pid}");
        Assert.Equal(["8080/tcp"], inspect.Config.ExposedPorts);
        var binding = Assert.Single(inspect.NetworkSettings.Ports!["8080/tcp"]!);
        Assert.Equal(hostPort, binding.HostPortNumber);
        Assert.Equal("127.0.0.1", binding.HostIp);
        Assert.False(string.IsNullOrEmpty(inspect.NetworkSettings.Networks!["bridge"].IpAddress));
    }

    [Fact]
    public async Task ContainerOperations_StartOfARunningContainerAndStopOfAStoppedOneReturnFalse()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sleep", "300"), start: false, cts.Token);

        Assert.True(await Client.Containers.StartAsync(id, cts.Token));
        Assert.False(await Client.Containers.StartAsync(id, cts.Token));
        Assert.True(await Client.Containers.StopAsync(id, TimeSpan.Zero, cts.Token));
        Assert.False(await Client.Containers.StopAsync(id, TimeSpan.Zero, cts.Token));
    }

    [Fact]
    public async Task ContainerOperations_CreateAppliesTheConfiguration()
    {
        using var cts = TestTimeout.Start();
        var request = new CreateContainerRequest
        {
            Image = DockerEngineFixture.TestImage,
            Entrypoint = ["sh", "-c"],
            Cmd = ["echo \"$GREETING from $(pwd)\""],
            Env = ["GREETING=hi"],
            WorkingDir = "/tmp",
            StopSignal = "SIGUSR1",
            HostConfig = new HostConfig { Init = true, NetworkMode = "none" }.WithCpus(0.5).WithMemoryLimit(64L << 20),
        };

        var id = await engine.CreateAsync(request, start: true, cts.Token);
        var wait = await Client.Containers.WaitAsync(id, cancellationToken: cts.Token);

        Assert.Equal(0, wait.StatusCode);
        Assert.Equal(("hi from /tmp\n", ""), await ContainerOutput.ReadAsync(Client, id, null, cts.Token));
        var inspect = await Client.Containers.InspectAsync(id, cts.Token);
        Assert.Equal(["sh", "-c"], inspect.Config.Entrypoint);
        Assert.Equal(["echo \"$GREETING from $(pwd)\""], inspect.Config.Cmd);
        Assert.Contains("GREETING=hi", inspect.Config.Env ?? []);
        Assert.Equal("/tmp", inspect.Config.WorkingDir);
        Assert.Equal("SIGUSR1", inspect.Config.StopSignal);
        Assert.Equal(500_000_000, inspect.HostConfig.NanoCpus);
        Assert.Equal(64L << 20, inspect.HostConfig.Memory);
        Assert.Equal(64L << 20, inspect.HostConfig.MemorySwap);
        Assert.True(inspect.HostConfig.Init);
        Assert.False(inspect.HostConfig.AutoRemove);
        Assert.Equal("none", inspect.HostConfig.NetworkMode);
    }

    [Fact]
    public async Task ContainerOperations_ListSelectsContainersByLabel()
    {
        using var cts = TestTimeout.Start();
        var app = "app-" + Guid.NewGuid().ToString("N")[..8];
        var web = await engine.CreateAsync(DockerEngineFixture.Busybox("true") with { Labels = new Dictionary<string, string> { ["test.app"] = app, ["test.tier"] = "web" } }, start: false, cts.Token);
        var db = await engine.CreateAsync(DockerEngineFixture.Busybox("true") with { Labels = new Dictionary<string, string> { ["test.app"] = app, ["test.tier"] = "db" } }, start: false, cts.Token);
        await engine.CreateAsync(DockerEngineFixture.Busybox("true") with { Labels = new Dictionary<string, string> { ["test.app"] = "other-" + app } }, start: false, cts.Token);

        var all = await Client.Containers.ListAsync(DockerFilters.Label("test.app", app), all: true, cts.Token);
        var webOnly = await Client.Containers.ListAsync(DockerFilters.Label("test.app", app).AddLabel("test.tier", "web"), all: true, cts.Token);
        var runningOnly = await Client.Containers.ListAsync(DockerFilters.Label("test.app", app), all: false, cts.Token);

        Assert.Equal(new[] { web, db }.Order(), all.Select(c => c.Id).Order());
        var summary = Assert.Single(webOnly);
        Assert.Equal(web, summary.Id);
        Assert.Equal("created", summary.State);
        Assert.Equal(DockerEngineFixture.TestImage, summary.Image);
        Assert.Equal("web", summary.Labels!["test.tier"]);
        Assert.Equal(engine.RunId, summary.Labels[DockerEngineFixture.RunLabel]);
        Assert.Empty(runningOnly);
    }

    [Fact]
    public async Task ContainerOperations_RemoveOfARunningContainerNeedsForce()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sleep", "300"), start: true, cts.Token);

        var refused = await Assert.ThrowsAsync<DockerConflictException>(() => Client.Containers.RemoveAsync(id, cancellationToken: cts.Token));
        await Client.Containers.RemoveAsync(id, force: true, removeVolumes: true, cts.Token);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Client.Containers.InspectAsync(id, cts.Token));
    }

    [Fact]
    public async Task ContainerOperations_UnknownContainerRaisesNotFound()
    {
        using var cts = TestTimeout.Start();
        var missing = "mesos-orleans-test-missing-" + Guid.NewGuid().ToString("N");

        var error = await Assert.ThrowsAsync<DockerNotFoundException>(() => Client.Containers.InspectAsync(missing, cts.Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains(missing, error.EngineMessage, StringComparison.Ordinal);
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Client.Containers.StartAsync(missing, cts.Token));
        await Assert.ThrowsAsync<DockerNotFoundException>(() => Client.Containers.RemoveAsync(missing, force: true, cancellationToken: cts.Token));
    }

    [Fact]
    public async Task ContainerOperations_CreateWithATakenNameRaisesConflict()
    {
        using var cts = TestTimeout.Start();
        var name = "mesos-orleans-test-" + Guid.NewGuid().ToString("N")[..12];
        await engine.CreateAsync(DockerEngineFixture.Busybox("true") with { Name = name }, start: false, cts.Token);

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => engine.CreateAsync(DockerEngineFixture.Busybox("true") with { Name = name }, start: false, cts.Token));

        Assert.Contains(name, error.EngineMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ContainerOperations_CreateFromAMissingImageRaisesNotFound()
    {
        using var cts = TestTimeout.Start();

        await Assert.ThrowsAsync<DockerNotFoundException>(
            () => engine.CreateAsync(new CreateContainerRequest { Image = "mesos-orleans-test/absent:" + Guid.NewGuid().ToString("N") }, start: false, cts.Token));
    }

    private static async Task<string> GetUntilAnsweredAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        while (true)
        {
            try
            {
                return await http.GetStringAsync(uri, cancellationToken);
            }
            catch (HttpRequestException)
            {
                // httpd (or the port forwarder) is not listening yet; poll again.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}
