using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>Apps with Docker containers, through the control plane: where they go, and what their tasks are told.</summary>
public sealed class DockerAppsTests : IAsyncLifetime
{
    private const string BridgeApp = """
        networks: [{mode: container/bridge}]
          container:
            type: DOCKER
            docker: {image: "busybox:1", forcePullImage: true}
            portMappings: [{containerPort: 80, name: http}, {containerPort: 53, hostPort: 31050, protocol: udp}]
            volumes: [{containerPath: /data, hostPath: /srv/data, mode: RO}]
        """;

    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task DockerApp_OnAgentsWithoutDocker_WaitsAndSaysWhy()
    {
        await _cluster.AddAgentAsync("a", containerizers: ["process"]);

        await _cluster.ApplyAsync(AppManifests.App("boxed", 1, extra: "  container: {docker: {image: busybox}}"));

        var app = await Eventually.Until(() => _cluster.App("boxed").GetAsync(), a => a?.Status.PendingReason is not null, "a reason to wait");
        Assert.Equal("no agent offered has the docker containerizer (offered: process)", app!.Status.PendingReason);
        var degraded = app.Status.Conditions.Single(c => c.Type == "Degraded");
        Assert.Equal(("InsufficientResources", "no agent offered has the docker containerizer (offered: process)"), (degraded.Reason, degraded.Message));
        Assert.Equal(InstanceSnapshot.ScheduledState, Assert.Single(_cluster.Instances("boxed")).State);
    }

    [Fact]
    public async Task DockerApp_WithPortMappings_LaunchesWithTheResolvedHostPorts()
    {
        var agent = await _cluster.AddAgentAsync("a", "cpus:4;mem:4096;ports:[31000-31099]", containerizers: ["process", "docker"]);

        await _cluster.ApplyAsync(AppManifests.App("bridged", 1, extra: "  " + BridgeApp));

        var instance = Assert.Single(await _cluster.RunningAsync("bridged", 1));
        var task = Assert.Single(agent.Running);
        Assert.Equal([31000L, 31050], task.HostPorts);
        Assert.Equal([31000L, 31050], instance.Ports);
        Assert.Equal("docker", task.Containerizer);
        var container = task.Container!;
        Assert.Equal(("busybox:1", true, NetworkMode.ContainerBridge, (string?)null), (container.Image, container.ForcePullImage, container.Network, container.NetworkName));
        Assert.Equal([new(80, 31000, "tcp"), new(53, 31050, "udp")], container.PortMappings);
        Assert.Equal([new("/srv/data", "/data", ReadOnly: true)], container.Volumes);
        Assert.Equal("31000", task.Command.Environment["PORT0"]);
        Assert.Equal("31000", task.Command.Environment["PORT_HTTP"]);
        Assert.Equal("31050", task.Command.Environment["PORT1"]);
    }

    [Fact]
    public async Task ProcessApp_HasNoContainer()
    {
        var agent = await _cluster.AddAgentAsync("a");

        await _cluster.ApplyAsync(AppManifests.App("plain", 1));

        await _cluster.RunningAsync("plain", 1);
        var task = Assert.Single(agent.Running);
        Assert.Null(task.Container);
        Assert.Equal("process", task.Containerizer);
    }
}
