using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>
/// The allocator's books against what the agents really run, after agents were declared unreachable and came back
/// in the middle of launches (and launch calls whose answer was lost): every agent's used resources are exactly its
/// tasks', nothing is held for a task that is gone, and no task runs that no instance owns.
/// </summary>
public sealed class AllocatorBooksTests : IAsyncLifetime
{
    private const int Apps = 4;
    private const int Instances = 10;
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync() => _cluster = await ControlPlaneHarness.StartAsync();

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(2, 0.0)]
    [InlineData(3, 0.2)]
    [InlineData(4, 0.2)]
    public async Task AgentsLostAndBackDuringLaunches_LeaveBooksThatMatchTheirTasks(int seed, double lostLaunchAnswers)
    {
        _cluster.LostLaunchAnswers = lostLaunchAnswers;
        var agents = new List<SimulatedAgent>();
        for (var i = 0; i < 12; i++)
        {
            agents.Add(await _cluster.AddAgentAsync($"a{i}", "cpus:2;mem:4096;ports:[31000-31099]"));
        }

        // 40 tasks of 0.5 cpus on 24 cpus: most agents end up full, so a leak leaves instances without a place.
        for (var i = 0; i < Apps; i++)
        {
            await _cluster.ApplyAsync(AppManifests.App($"app{i}", Instances, cpus: 0.5));
        }

        var random = new Random(seed);
        for (var round = 0; round < 20; round++)
        {
            var agent = agents[random.Next(agents.Count)];
            await _cluster.Plane.Runtime.GetGrain<IAgentGrain>(agent.AgentId!).MarkUnreachableAsync(DateTimeOffset.UtcNow);
            await Task.Delay(random.Next(0, 30));
            await agent.RegisterAsync(CancellationToken.None);
        }

        _cluster.LostLaunchAnswers = 0;
        for (var i = 0; i < Apps; i++)
        {
            await _cluster.RunningAsync($"app{i}", Instances);
        }

        var owned = Enumerable.Range(0, Apps).SelectMany(i => _cluster.Instances($"app{i}")).Select(i => i.TaskId).ToHashSet();
        await Eventually.Until(async () =>
        {
            var books = await _cluster.Plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).GetSnapshotAsync();
            return agents.Select(a => new
            {
                a.Hostname,
                Booked = books.Agents[a.AgentId!].Used.Cpus,
                Running = a.Running.Sum(t => t.Resources.Cpus),
                Orphans = a.Running.Count(t => !owned.Contains(t.TaskId)),
            }).ToList();
        }, books => books.All(b => Math.Abs(b.Booked - b.Running) < 1e-9 && b.Orphans == 0), "every agent's books to match its tasks, all of them owned");
        Assert.Equal(Apps * Instances, agents.Sum(a => a.Running.Count));
    }

    [Fact]
    public async Task ALaunchARegistrationFoundLost_IsNotSentAfterwards()
    {
        var agent = await _cluster.AddAgentAsync("a");
        var grain = _cluster.Plane.Runtime.GetGrain<IAgentGrain>(agent.AgentId!);
        var launch = new TaskLaunch
        {
            TaskId = "t1",
            FrameworkId = IFrameworkGrain.AppsFrameworkId,
            Command = new CommandSpec { Value = "serve" },
            Resources = ResourceSet.Parse("cpus:1;mem:64"),
        };
        await _cluster.Plane.Runtime.GetGrain<ITaskGrain>("t1").LaunchAsync(launch, agent.AgentId!, "a");
        await grain.PrepareLaunchAsync([launch]);

        await agent.RegisterAsync(CancellationToken.None); // before the launch: the agent does not know t1, so it is lost
        await grain.LaunchAsync([launch]);
        await grain.GetAsync(); // the one-way launch has been handled

        Assert.Empty(agent.Running);
        Assert.Null(await _cluster.Plane.Runtime.GetGrain<ITaskGrain>("t1").GetAsync());
    }
}
