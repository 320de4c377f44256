using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Events;
using Mesos.Orleans.Docker.Tests.Support;
using Mesos.Orleans.Testing;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class DockerEventsTests(DockerEngineFixture engine)
{
    private const string MarkLabel = "test.events";

    private DockerClient Client => engine.Client;

    [Fact]
    public async Task EventOperations_StreamSeesStartAndDieWithTheExitCode()
    {
        using var cts = TestTimeout.Start();
        var mark = Guid.NewGuid().ToString("N");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var events = new List<DockerEvent>();
        var watching = Task.Run(async () =>
        {
            await foreach (var item in Client.Events.StreamAsync(Filter(mark), since, cancellationToken: cts.Token))
            {
                events.Add(item);
                if (item.Action == "die")
                {
                    return;
                }
            }
        });

        var id = await engine.CreateAsync(Marked(DockerEngineFixture.Busybox("sh", "-c", "exit 3"), mark), start: true, cts.Token);
        await watching.WaitAsync(cts.Token);

        var name = (await Client.Containers.InspectAsync(id, cts.Token)).Name.TrimStart('/');
        Assert.Equal(["create", "start", "die"], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(("container", id, name), (e.Type, e.Actor.Id, e.Name)));
        var die = events[^1];
        Assert.Equal(3, die.ExitCode);
        Assert.Equal(mark, die.Actor.Attributes![MarkLabel]);
        Assert.Equal(DockerEngineFixture.TestImage, die.Actor.Attributes["image"]);
        Assert.Null(events[1].ExitCode);
        Assert.True(die.Time >= events[1].Time, $"die at {die.Time:O}, start at {events[1].Time:O}");
    }

    [Fact]
    public async Task EventOperations_StreamWithUntilEndsOnItsOwn()
    {
        using var cts = TestTimeout.Start();
        var mark = Guid.NewGuid().ToString("N");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await engine.CreateAsync(Marked(DockerEngineFixture.Busybox("true"), mark), start: true, cts.Token);
        await Client.Containers.WaitAsync(id, cancellationToken: cts.Token);
        await Client.Containers.RemoveAsync(id, cancellationToken: cts.Token);

        var actions = await CollectAsync(Filter(mark), since, DateTimeOffset.UtcNow.AddSeconds(1), cts.Token);

        Assert.Equal(["create", "start", "die", "destroy"], actions.Select(e => e.Action));
        Assert.Equal(0, actions[2].ExitCode);
    }

    [Fact]
    public async Task ContainerOperations_MemoryHogIsOomKilledAndReportedByInspectAndEvents()
    {
        using var cts = TestTimeout.Start();
        var mark = Guid.NewGuid().ToString("N");
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var request = Marked(DockerEngineFixture.Busybox("sh", "-c", "x=aaaaaaaa; while true; do x=$x$x; done"), mark) with
        {
            HostConfig = new HostConfig().WithMemoryLimit(8L << 20),
        };

        var id = await engine.CreateAsync(request, start: true, cts.Token);
        var exit = await Client.Containers.WaitAsync(id, cancellationToken: cts.Token);

        Assert.Equal(137, exit.StatusCode);
        // On cgroup v2 the engine may take the kernel's OOM notice in after the exit it caused (as the containerizer
        // allows for): the inspect says so a moment later, and the oom event may follow the die.
        var state = await Eventually.Until(
            async () => (await Client.Containers.InspectAsync(id, cts.Token)).State, s => s.OomKilled, "the engine to record the OOM kill", TimeSpan.FromSeconds(10));
        Assert.Equal((true, 137, "exited"), (state.OomKilled, state.ExitCode, state.Status));
        var events = await CollectAsync(Filter(mark), since, DateTimeOffset.UtcNow.AddSeconds(1), cts.Token);
        Assert.Equal(["create", "start"], events.Take(2).Select(e => e.Action));
        Assert.Equal(["die", "oom"], events.Skip(2).Select(e => e.Action).Order(StringComparer.Ordinal));
        Assert.Equal(137, events.Single(e => e.Action == "die").ExitCode);
    }

    private static DockerFilters Filter(string mark) => DockerFilters.Label(MarkLabel, mark).Add("type", "container");

    private static CreateContainerRequest Marked(CreateContainerRequest request, string mark) =>
        request with { Labels = new Dictionary<string, string> { [MarkLabel] = mark } };

    private async Task<List<DockerEvent>> CollectAsync(DockerFilters filters, DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var events = new List<DockerEvent>();
        await foreach (var item in Client.Events.StreamAsync(filters, since, until, cancellationToken))
        {
            events.Add(item);
        }

        return events;
    }
}
