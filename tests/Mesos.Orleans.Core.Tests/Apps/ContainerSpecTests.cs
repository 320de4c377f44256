using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using static Mesos.Orleans.Core.Tests.Support.ManifestTesting;

namespace Mesos.Orleans.Core.Tests.Apps;

/// <summary>Marathon's <c>container</c> and <c>networks</c>: decoding, defaults, the rules, and what they ask of offers.</summary>
public class ContainerSpecTests
{
    private const string Docker = "container: {type: DOCKER, docker: {image: busybox}}";
    private const string Bridge = "networks: [{mode: container/bridge}]";

    [Fact]
    public void Decode_DockerWithBridge_GivesPortMappingsAndNoPortDefinitions()
    {
        var spec = Valid(App($"{{cmd: httpd, {Bridge}, container: {{type: DOCKER, docker: {{image: busybox}}, portMappings: [{{containerPort: 80, name: http}}, {{containerPort: 53, hostPort: 31053, protocol: udp}}]}}}}")).Spec;

        Assert.True(spec.UsesPortMappings);
        Assert.Empty(spec.PortDefinitions!);
        Assert.Equal(ContainerType.Docker, spec.Container!.Type);
        Assert.Equal(new DockerSpec { Image = "busybox" }, spec.Container.Docker);
        Assert.Equal(
            [new PortMapping { ContainerPort = 80, HostPort = 0, Protocol = "tcp", Name = "http" }, new PortMapping { ContainerPort = 53, HostPort = 31053, Protocol = "udp" }],
            spec.Container.PortMappings);
        Assert.Equal([new NetworkSpec { Mode = NetworkMode.ContainerBridge }], spec.Networks);
        Assert.Equal("docker", ContainerSpec.ContainerizerOf(spec));
    }

    [Fact]
    public void Decode_DockerOnTheHostNetwork_KeepsMarathonsDefaultPort()
    {
        var spec = Valid(App($"{{cmd: 'httpd -p $PORT0', {Docker}}}")).Spec;

        Assert.False(spec.UsesPortMappings);
        Assert.Equal([new PortDefinition()], spec.PortDefinitions);
        Assert.Null(spec.Networks);
        Assert.Empty(spec.Container!.PortMappings!);
        Assert.Empty(spec.Container.Volumes!);
    }

    [Fact]
    public void Decode_DockerWithoutCmdOrArgs_RunsTheImagesDefault()
    {
        var spec = Valid(App($"{{{Docker}}}")).Spec;

        Assert.Null(spec.Cmd);
        Assert.Null(spec.Args);
    }

    [Fact]
    public void Decode_TypeDefaultsToDocker_AsInMarathon() =>
        Assert.Equal(ContainerType.Docker, Valid(App("{container: {docker: {image: busybox}}}")).Spec.Container!.Type);

    [Fact]
    public void Decode_MesosContainerWithoutImage_IsTheProcessContainerizer()
    {
        var spec = Valid(App("{cmd: x, container: {type: MESOS}}")).Spec;

        Assert.Equal("process", ContainerSpec.ContainerizerOf(spec));
        Assert.Equal("process", ContainerSpec.ContainerizerOf(Valid(App("{cmd: x}")).Spec));
    }

    [Fact]
    public void Decode_Volumes_KeepTheirModes()
    {
        var spec = Valid(App("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, hostPath: /srv/data, mode: RW}, {containerPath: /etc/app, hostPath: /etc/app, mode: RO}]}}")).Spec;

        Assert.Equal(
            [new VolumeSpec { ContainerPath = "/data", HostPath = "/srv/data", Mode = VolumeMode.ReadWrite }, new VolumeSpec { ContainerPath = "/etc/app", HostPath = "/etc/app", Mode = VolumeMode.ReadOnly }],
            spec.Container!.Volumes);
    }

    [Fact]
    public void Normalize_ExplicitHostNetworkAndUnprivileged_EqualsLeavingThemOut()
    {
        var plain = Valid(App($"{{cmd: x, {Docker}}}")).Spec;
        var spelledOut = Valid(App("{cmd: x, networks: [{mode: host}], container: {type: DOCKER, docker: {image: busybox, forcePullImage: false, privileged: false, parameters: []}, portMappings: [], volumes: []}}")).Spec;

        Assert.Equal(plain, spelledOut);
        Assert.Equal(plain.GetHashCode(), spelledOut.GetHashCode());
        Assert.Null(spelledOut.Container!.Docker!.Privileged);
        Assert.Null(spelledOut.Container.Docker.Parameters);
    }

    [Fact]
    public void Normalize_IsIdempotent()
    {
        var spec = Valid(App($"{{{Bridge}, container: {{docker: {{image: busybox}}, portMappings: [{{containerPort: 80}}]}}}}")).Spec;

        Assert.Equal(spec, AppSpecDefaults.Normalize(spec));
    }

    [Fact]
    public void AppSpec_ContainerChanges_AreChanges()
    {
        var spec = Valid(App($"{{{Bridge}, container: {{docker: {{image: busybox}}, portMappings: [{{containerPort: 80}}]}}}}")).Spec;

        Assert.NotEqual(spec, spec with { Container = spec.Container! with { Docker = new DockerSpec { Image = "busybox:2" } } });
        Assert.NotEqual(spec, spec with { Container = spec.Container! with { PortMappings = [new PortMapping { ContainerPort = 81 }] } });
        Assert.NotEqual(spec, spec with { Container = spec.Container! with { Docker = new DockerSpec { Image = "busybox", ForcePullImage = true } } });
        Assert.NotEqual(spec, spec with { Networks = [new NetworkSpec { Mode = NetworkMode.Container, Name = "web" }] });
    }

    [Theory]
    [InlineData("{container: {type: DOCKER}}", "spec.container.docker", "is required for a DOCKER container, with its image")]
    [InlineData("{container: {type: DOCKER, docker: {forcePullImage: true}}}", "spec.container.docker.image", "is required for a DOCKER container")]
    [InlineData("{container: {docker: {image: 'busy box'}}}", "spec.container.docker.image", "'busy box' is not an image reference: it holds white space")]
    [InlineData("{container: {docker: {image: busybox, privileged: true}}}", "spec.container.docker.privileged", "privileged containers are not supported")]
    [InlineData("{container: {docker: {image: busybox, parameters: [{key: cap-add, value: ALL}]}}}", "spec.container.docker.parameters", "docker parameters are not supported: leave them out or empty")]
    [InlineData("{container: {type: KUBERNETES, docker: {image: busybox}}}", "spec.container.type", "must be one of DOCKER, MESOS, not string \"KUBERNETES\"")]
    [InlineData("{container: {type: MESOS}}", "spec", "one of cmd or args is required")]
    [InlineData("{cmd: x, container: {type: MESOS, docker: {image: busybox}}}", "spec.container.docker", "a MESOS container with a Docker image is not supported: use type DOCKER")]
    [InlineData("{cmd: x, networks: [{mode: container/bridge}]}", "spec.networks[0].mode", "container/bridge networking needs a DOCKER container")]
    [InlineData("{cmd: x, networks: [{mode: bridge}], container: {docker: {image: busybox}}}", "spec.networks[0].mode", "must be one of host, container/bridge, container, not string \"bridge\"")]
    [InlineData("{networks: [{mode: container}], container: {docker: {image: busybox}}}", "spec.networks[0].name", "is required in container mode: the Docker network to join")]
    [InlineData("{networks: [{mode: container/bridge, name: web}], container: {docker: {image: busybox}}}", "spec.networks[0].name", "only a network of mode container has a name")]
    [InlineData("{networks: [{mode: container, name: a}, {mode: container, name: b}], container: {docker: {image: busybox}}}", "spec.networks", "only one network is supported, not 2")]
    [InlineData("{container: {docker: {image: busybox}, portMappings: [{containerPort: 80}]}}", "spec.container.portMappings", "need container/bridge or container networking (networks: [{mode: container/bridge}]); on the host's network the ports are portDefinitions")]
    [InlineData("{networks: [{mode: container/bridge}], portDefinitions: [{name: http}], container: {docker: {image: busybox}}}", "spec.portDefinitions", "must be empty with container/bridge networking: the container's portMappings are the ports")]
    [InlineData("{networks: [{mode: container/bridge}], requirePorts: true, container: {docker: {image: busybox}}}", "spec.requirePorts", "applies to portDefinitions on the host's network; with container/bridge networking a hostPort other than 0 is always required as given")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 0}]}}", "spec.container.portMappings[0].containerPort", "must be between 1 and 65535, not 0")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 70000}]}}", "spec.container.portMappings[0].containerPort", "must be between 1 and 65535, not 70000")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 80, hostPort: -1}]}}", "spec.container.portMappings[0].hostPort", "must be between 0 (any port) and 65535, not -1")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 80, hostPort: 8080}, {containerPort: 81, hostPort: 8080}]}}", "spec.container.portMappings[1].hostPort", "host port 8080 is listed twice")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 80, name: web}, {containerPort: 81, name: web}]}}", "spec.container.portMappings[1].name", "the name 'web' is used by another port")]
    [InlineData("{networks: [{mode: container/bridge}], container: {docker: {image: busybox}, portMappings: [{containerPort: 80, protocol: sctp}]}}", "spec.container.portMappings[0].protocol", "must be tcp, udp or udp,tcp, not 'sctp'")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{hostPath: /srv, mode: RW}]}}", "spec.container.volumes[0].containerPath", "is required")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: data, hostPath: /srv, mode: RW}]}}", "spec.container.volumes[0].containerPath", "must be an absolute path without ':', not 'data'")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, hostPath: srv, mode: RW}]}}", "spec.container.volumes[0].hostPath", "must be an absolute path without ':', not 'srv'")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, mode: RW}]}}", "spec.container.volumes[0].hostPath", "is required: only host volumes are supported")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, hostPath: /srv}]}}", "spec.container.volumes[0].mode", "is required: RO or RW")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, hostPath: /srv, mode: RX}]}}", "spec.container.volumes[0].mode", "must be one of RO, RW, not string \"RX\"")]
    [InlineData("{container: {docker: {image: busybox}, volumes: [{containerPath: /data, hostPath: /a, mode: RW}, {containerPath: /data/, hostPath: /b, mode: RO}]}}", "spec.container.volumes[1].containerPath", "'/data/' is mounted twice")]
    [InlineData("{cmd: x, container: {type: MESOS, volumes: [{containerPath: /data, hostPath: /srv, mode: RW}]}}", "spec.container.volumes", "volumes need a DOCKER container")]
    [InlineData("{container: {docker: {image: busybox, network: BRIDGE}}}", "spec.container.docker.network", "unknown field")]
    public void Decode_BadContainer_ReportsTheFieldAndWhy(string spec, string path, string message) =>
        AssertError(Decode(App(spec)), path, message);

    [Fact]
    public void LaunchRequest_WithPortMappings_AsksForEachMappingsHostPort()
    {
        var spec = Valid(App($"{{{Bridge}, container: {{docker: {{image: busybox}}, portMappings: [{{containerPort: 80}}, {{containerPort: 81, hostPort: 31081}}, {{containerPort: 82}}]}}}}")).Spec;

        var request = LaunchRequest.For(AppId.Parse("/hello"), "i", 1, spec, ContainerSpec.ContainerizerOf(spec));

        Assert.Equal(3, request.PortCount);
        Assert.Equal([31081L], request.RequiredPorts);
        Assert.Equal(2, request.AnyPortCount);
        Assert.Equal("docker", request.Containerizer);
    }

    [Fact]
    public void TaskEnvironment_WithPortMappings_NamesTheHostPortsAfterTheMappings()
    {
        var spec = Valid(App($"{{{Bridge}, container: {{docker: {{image: busybox}}, portMappings: [{{containerPort: 80, name: http}}, {{containerPort: 53, name: dns}}]}}}}")).Spec;

        var env = TaskEnvironment.Build(AppId.Parse("/hello"), spec, 1, "t", "host-a", [31000, 31001]);

        Assert.Equal("31000", env["PORT0"]);
        Assert.Equal("31001", env["PORT1"]);
        Assert.Equal("31000", env["PORT_HTTP"]);
        Assert.Equal("31001", env["PORT_DNS"]);
        Assert.Equal("31000,31001", env["PORTS"]);
        Assert.Equal("host-a", env["HOST"]);
    }
}
