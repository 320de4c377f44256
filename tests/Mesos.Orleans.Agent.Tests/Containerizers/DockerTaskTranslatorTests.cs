using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Docker.Containers;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>The create request a task becomes: command, resources, ports, volumes, names and labels.</summary>
public sealed class DockerTaskTranslatorTests
{
    private const string Agent = "20260101-abc";
    private static readonly DockerContainerizerOptions Options = new() { HostCpus = 2 };

    private static ContainerLaunch Launch(CommandSpec command, TaskContainer? container = null, string resources = "cpus:0.5;mem:64", IReadOnlyDictionary<string, string>? labels = null) =>
        new("web.instance-1._app.1", new TaskLaunch
        {
            TaskId = "web.instance-1._app.1",
            FrameworkId = "apps",
            AppId = "/web",
            Command = command,
            Resources = ResourceSet.Parse(resources),
            Container = container ?? new TaskContainer { Image = "busybox:1" },
            Labels = labels ?? new Dictionary<string, string>(),
        }, "/var/agent/sandboxes/web.instance-1._app.1", new Dictionary<string, string> { ["PORT0"] = "31000", ["MESOS_SANDBOX"] = "/var/agent/sandboxes/web" });

    [Fact]
    public void Translate_Cmd_RunsUnderShellAsTheEntrypoint()
    {
        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Shell = true, Value = "httpd -f -p $PORT0" }), Agent, Options);

        Assert.Equal(["/bin/sh", "-c"], request.Entrypoint);
        Assert.Equal(["httpd -f -p $PORT0"], request.Cmd);
    }

    [Fact]
    public void Translate_Args_AreTheCommandOfTheImagesEntrypoint()
    {
        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Shell = false, Arguments = ["--port", "80"] }), Agent, Options);

        Assert.Null(request.Entrypoint);
        Assert.Equal(["--port", "80"], request.Cmd);
    }

    [Fact]
    public void Translate_NeitherCmdNorArgs_KeepsTheImagesDefaults()
    {
        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Shell = false }), Agent, Options);

        Assert.Null(request.Entrypoint);
        Assert.Null(request.Cmd);
    }

    [Fact]
    public void Translate_NamesAndLabelsTheContainerAfterTaskAndAgent()
    {
        var request = DockerTaskTranslator.Translate(
            Launch(new CommandSpec { Value = "x" }, labels: new Dictionary<string, string> { ["team"] = "web", [DockerLabels.TaskId] = "forged" }), Agent, Options);

        Assert.Equal("mesos-orleans.20260101-abc.web.instance-1._app.1", request.Name);
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["team"] = "web",
                ["mesos-orleans.task-id"] = "web.instance-1._app.1",
                ["mesos-orleans.agent-id"] = Agent,
                ["mesos-orleans.framework-id"] = "apps",
                ["mesos-orleans.app-id"] = "/web",
            },
            request.Labels);
        Assert.Equal("busybox:1", request.Image);
    }

    [Theory]
    [InlineData("agent", "a/b c", "mesos-orleans.agent.a_b_c")]
    [InlineData("2026:01", "t.1_x-y", "mesos-orleans.2026_01.t.1_x-y")]
    public void ContainerName_KeepsToDockersNameRules(string agent, string task, string expected) =>
        Assert.Equal(expected, DockerLabels.ContainerName(agent, task));

    [Fact]
    public void Translate_CpusAndMem_BecomeQuotaAndLimitWithoutSwap()
    {
        var host = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }, resources: "cpus:0.5;mem:64"), Agent, Options).HostConfig!;

        Assert.Equal(500_000_000, host.NanoCpus);
        Assert.Equal(64L << 20, host.Memory);
        Assert.Equal(64L << 20, host.MemorySwap);
        Assert.True(host.Init);
        Assert.False(host.AutoRemove);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(0.001, 10_000_000)]
    [InlineData(1.5, 1_500_000_000)]
    [InlineData(8, 2_000_000_000)]
    public void NanoCpus_StaysWithinWhatDockerAccepts(double cpus, long expected) =>
        Assert.Equal(expected, DockerTaskTranslator.NanoCpus(cpus, hostCpus: 2));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 6L << 20)]
    [InlineData(128, 128L << 20)]
    public void MemoryBytes_IsAtLeastDockersLeast(double mb, long expected) =>
        Assert.Equal(expected, DockerTaskTranslator.MemoryBytes(mb));

    [Fact]
    public void Translate_Environment_IsTheTasksWithTheSandboxAsMounted()
    {
        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }), Agent, Options);

        Assert.Equal(["MESOS_SANDBOX=/mnt/mesos/sandbox", "PORT0=31000"], request.Env);
        Assert.Equal(new VolumeBind("/var/agent/sandboxes/web.instance-1._app.1", "/mnt/mesos/sandbox"), request.HostConfig!.Binds![0]);
    }

    [Fact]
    public void Translate_Bridge_PublishesEachMappingOnItsHostPort()
    {
        var container = new TaskContainer
        {
            Image = "busybox:1",
            Network = NetworkMode.ContainerBridge,
            PortMappings = [new(8080, 31000, "tcp"), new(53, 31001, "udp,tcp"), new(8080, 31002, "tcp")],
        };

        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }, container), Agent, Options);

        Assert.Equal("bridge", request.HostConfig!.NetworkMode);
        Assert.Equal(["8080/tcp", "53/udp", "53/tcp"], request.ExposedPorts);
        var bindings = request.HostConfig.PortBindings!;
        Assert.Equal(["31000", "31002"], bindings["8080/tcp"]!.Select(b => b.HostPort));
        Assert.Equal(["31001"], bindings["53/udp"]!.Select(b => b.HostPort));
        Assert.Equal(["31001"], bindings["53/tcp"]!.Select(b => b.HostPort));
    }

    [Fact]
    public void Translate_HostNetwork_PublishesNothing()
    {
        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }), Agent, Options);

        Assert.Equal("host", request.HostConfig!.NetworkMode);
        Assert.Null(request.HostConfig.PortBindings);
        Assert.Null(request.ExposedPorts);
    }

    [Fact]
    public void Translate_NamedContainerNetwork_JoinsIt()
    {
        var container = new TaskContainer { Image = "busybox:1", Network = NetworkMode.Container, NetworkName = "backend", PortMappings = [new(80, 31005, "tcp")] };

        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }, container), Agent, Options);

        Assert.Equal("backend", request.HostConfig!.NetworkMode);
        Assert.Equal(["31005"], request.HostConfig.PortBindings!["80/tcp"]!.Select(b => b.HostPort));
    }

    [Fact]
    public void Translate_Volumes_BecomeBindsWithTheirModes()
    {
        var container = new TaskContainer { Image = "busybox:1", Volumes = [new("/srv/data", "/data", false), new("/etc/app", "/etc/app", true)] };

        var request = DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }, container), Agent, Options);

        Assert.Equal(
            [new VolumeBind("/var/agent/sandboxes/web.instance-1._app.1", "/mnt/mesos/sandbox"), new VolumeBind("/srv/data", "/data"), new VolumeBind("/etc/app", "/etc/app", ReadOnly: true)],
            request.HostConfig!.Binds);
    }

    [Fact]
    public void Translate_WithoutInit_LeavesTheEnginesDefault() =>
        Assert.Null(DockerTaskTranslator.Translate(Launch(new CommandSpec { Value = "x" }), Agent, Options with { Init = false }).HostConfig!.Init);
}
