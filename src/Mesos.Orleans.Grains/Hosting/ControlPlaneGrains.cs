using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Grains.Agents;
using Mesos.Orleans.Grains.Allocation;
using Mesos.Orleans.Grains.Apps;
using Mesos.Orleans.Grains.Frameworks;
using Mesos.Orleans.Grains.Tasks;
using Mesos.Orleans.Runtime.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Hosting;

/// <summary>Registers the control plane's grains and brings them up in order after a (re)start.</summary>
public static class ControlPlaneGrains
{
    private const int ActivationsAtOnce = 64;

    /// <summary>Registers every grain of the design with the runtime.</summary>
    public static void Register(GrainRuntime runtime, GrainServices services)
    {
        runtime.Register<IAllocatorGrain, AllocatorGrain>(c => new AllocatorGrain(c, services));
        runtime.Register<IFrameworkGrain, FrameworkGrain>(c => new FrameworkGrain(c, services));
        runtime.Register<IAgentGrain, AgentGrain>(c => new AgentGrain(c, services));
        runtime.Register<ITaskGrain, TaskGrain>(c => new TaskGrain(c, services.LoggerFactory.CreateLogger<TaskGrain>()));
        runtime.Register<IAppGrain, AppGrain>(c => new AppGrain(c, services));
    }

    /// <summary>
    /// Activates the allocator and the apps framework, then every stored agent (they wait to register again),
    /// then every stored app (each resumes its loop: re-requests waiting instances, replaces what ended).
    /// Returns the stored agents' ids: they must register again in time.
    /// </summary>
    /// <remarks>
    /// Agents and apps are read a type at a time, with one query each, and activate from those rows as they stream in
    /// (<see cref="GrainRuntime.ActivateStoredAsync{TGrain}"/>): a read per grain and state (three per agent) was
    /// most of a start-up's time on SQLite, and a round trip each on PostgreSQL. Many activate at once, spread over
    /// the cores: each parses its rows, and 50,000 of them one after another would keep the API waiting for seconds.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> StartAsync(GrainRuntime runtime, CancellationToken cancellationToken)
    {
        await runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).GetSnapshotAsync();
        await runtime.GetGrain<IFrameworkGrain>(IFrameworkGrain.AppsFrameworkId).GetAsync();
        var agents = await runtime.ActivateStoredAsync<IAgentGrain>("agent", agent => agent.GetAsync(), ActivationsAtOnce, cancellationToken);
        await runtime.ActivateStoredAsync<IAppGrain>("app", app => app.GetAsync(), ActivationsAtOnce, cancellationToken);
        return agents;
    }
}
