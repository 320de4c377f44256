using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Tests.Support;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class ContainerResourcesTests(DockerEngineFixture engine)
{
    private DockerClient Client => engine.Client;

    [Fact]
    public async Task ContainerOperations_BindsMountReadOnlyAndReadWrite()
    {
        using var cts = TestTimeout.Start();
        var root = Directory.CreateTempSubdirectory("mesos-orleans-binds-");
        try
        {
            var input = Directory.CreateDirectory(Path.Combine(root.FullName, "in")).FullName;
            var output = Directory.CreateDirectory(Path.Combine(root.FullName, "out")).FullName;
            await File.WriteAllTextAsync(Path.Combine(input, "input.txt"), "from the host\n", cts.Token);
            var request = DockerEngineFixture.Busybox("sh", "-c", "cat /in/input.txt > /out/copy.txt && touch /in/denied") with
            {
                HostConfig = new HostConfig { Binds = [new VolumeBind(input, "/in", ReadOnly: true), new VolumeBind(output, "/out")] },
            };

            var id = await engine.CreateAsync(request, start: true, cts.Token);
            var exit = await Client.Containers.WaitAsync(id, cancellationToken: cts.Token);

            Assert.Equal(1, exit.StatusCode);
            Assert.Equal(("", "touch: /in/denied: Read-only file system\n"), await ContainerOutput.ReadAsync(Client, id, null, cts.Token));
            Assert.Equal("from the host\n", await File.ReadAllTextAsync(Path.Combine(output, "copy.txt"), cts.Token));
            Assert.False(File.Exists(Path.Combine(input, "denied")));
            var inspect = await Client.Containers.InspectAsync(id, cts.Token);
            Assert.Equal([new VolumeBind(input, "/in", true), new VolumeBind(output, "/out", false)], inspect.HostConfig.Binds);
            var mounts = (inspect.Mounts ?? []).OrderBy(m => m.Destination, StringComparer.Ordinal).Select(m => (m.Type, m.Source, m.Destination, m.ReadWrite));
            Assert.Equal([("bind", input, "/in", false), ("bind", output, "/out", true)], mounts);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ContainerOperations_StatsReportTheMemoryLimitAndUsage()
    {
        using var cts = TestTimeout.Start();
        var id = await engine.CreateAsync(
            DockerEngineFixture.Busybox("sh", "-c", "echo ready; while true; do sleep 0.1; done") with { HostConfig = new HostConfig().WithMemoryLimit(32L << 20) },
            start: true,
            cts.Token);
        await ContainerOutput.WaitForStdoutAsync(Client, id, "ready", cts.Token);

        var stats = await Client.Containers.GetStatsAsync(id, cts.Token);

        Assert.Equal(32UL << 20, stats.MemoryStats.Limit);
        Assert.True(stats.MemoryStats.Usage > 0, $"memory usage {stats.MemoryStats.Usage}");
        Assert.True(stats.CpuStats.CpuUsage.TotalUsage > 0, $"cpu usage {stats.CpuStats.CpuUsage.TotalUsage}");
        Assert.True(stats.Read > DateTimeOffset.UnixEpoch, $"read at {stats.Read:O}");
    }
}
