using System.Diagnostics;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class ContainerStopKillWaitTests(DockerEngineFixture engine)
{
    private DockerClient Client => engine.Client;

    [Fact]
    public async Task ContainerOperations_WaitReturnsTheExitCode()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sh", "-c", "exit 7"), start: true, cts.Token);

        var result = await Client.Containers.WaitAsync(id, WaitCondition.NotRunning, cts.Token);

        Assert.Equal(7, result.StatusCode);
        Assert.Null(result.Error);
        var state = (await Client.Containers.InspectAsync(id, cts.Token)).State;
        Assert.Equal(("exited", 7, false), (state.Status, state.ExitCode, state.Running));
        Assert.NotEqual(default, state.StartedAt);
        Assert.NotEqual(default, state.FinishedAt);
    }

    [Fact]
    public async Task ContainerOperations_WaitForNextExitOfACreatedContainerReturnsWhenItRuns()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sh", "-c", "exit 4"), start: false, cts.Token);

        var wait = Client.Containers.WaitAsync(id, WaitCondition.NextExit, cts.Token);
        await Client.Containers.StartAsync(id, cts.Token);

        Assert.Equal(4, (await wait).StatusCode);
    }

    [Fact]
    public async Task ContainerOperations_StopLetsAContainerThatTrapsTermExitOnItsOwn()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(
            DockerEngineFixture.Busybox("sh", "-c", "trap 'echo got TERM; exit 0' TERM; echo ready; while true; do sleep 0.1; done"),
            start: true,
            cts.Token);
        await ContainerOutput.WaitForStdoutAsync(Client, id, "ready", cts.Token);

        Assert.True(await Client.Containers.StopAsync(id, TimeSpan.FromSeconds(60), cts.Token));

        var state = (await Client.Containers.InspectAsync(id, cts.Token)).State;
        Assert.Equal(("exited", 0), (state.Status, state.ExitCode));
        Assert.Equal(("ready\ngot TERM\n", ""), await ContainerOutput.ReadAsync(Client, id, null, cts.Token));
    }

    [Fact]
    public async Task ContainerOperations_StopKillsAContainerThatIgnoresTermAfterTheGracePeriod()
    {
        using var cts = TestTimeout.Start();
        var grace = TimeSpan.FromSeconds(2);
        var id = await engine.CreateAsync(
            DockerEngineFixture.Busybox("sh", "-c", "trap '' TERM; echo ready; while true; do sleep 0.1; done"),
            start: true,
            cts.Token);
        await ContainerOutput.WaitForStdoutAsync(Client, id, "ready", cts.Token);

        var clock = Stopwatch.StartNew();
        Assert.True(await Client.Containers.StopAsync(id, grace, cts.Token));
        clock.Stop();

        var state = (await Client.Containers.InspectAsync(id, cts.Token)).State;
        Assert.Equal(("exited", 137), (state.Status, state.ExitCode));
        Assert.True(clock.Elapsed >= grace - TimeSpan.FromMilliseconds(50), $"killed after {clock.Elapsed}, before the {grace} grace period");
    }

    [Fact]
    public async Task ContainerOperations_KillDeliversTheNamedSignal()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(
            DockerEngineFixture.Busybox("sh", "-c", "trap 'exit 10' USR1; echo ready; while true; do sleep 0.1; done"),
            start: true,
            cts.Token);
        await ContainerOutput.WaitForStdoutAsync(Client, id, "ready", cts.Token);

        await Client.Containers.KillAsync(id, "SIGUSR1", cts.Token);

        Assert.Equal(10, (await Client.Containers.WaitAsync(id, cancellationToken: cts.Token)).StatusCode);
    }

    [Fact]
    public async Task ContainerOperations_KillWithSigkillEndsTheContainerWith137()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("sleep", "300"), start: true, cts.Token);

        await Client.Containers.KillAsync(id, cancellationToken: cts.Token);

        Assert.Equal(137, (await Client.Containers.WaitAsync(id, cancellationToken: cts.Token)).StatusCode);
        Assert.False((await Client.Containers.InspectAsync(id, cts.Token)).State.OomKilled);
    }

    [Fact]
    public async Task ContainerOperations_KillOfAStoppedContainerRaisesConflict()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(DockerEngineFixture.Busybox("true"), start: true, cts.Token);
        await Client.Containers.WaitAsync(id, cancellationToken: cts.Token);

        var error = await Assert.ThrowsAsync<DockerConflictException>(() => Client.Containers.KillAsync(id, cancellationToken: cts.Token));

        Assert.Contains("is not running", error.EngineMessage, StringComparison.Ordinal);
    }
}
