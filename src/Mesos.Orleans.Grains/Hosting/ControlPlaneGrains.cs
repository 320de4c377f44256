using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Grains.Agents;
using Mesos.Orleans.Grains.Allocation;
using Mesos.Orleans.Grains.Apps;
using Mesos.Orleans.Grains.Frameworks;
using Mesos.Orleans.Grains.Tasks;
using Mesos.Orleans.Runtime;
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
    /// Agents and apps are read a type at a time, with one query each, and activate from those rows: a read per grain
    /// and state (three per agent) was most of a start-up's time on SQLite, and a round trip each on PostgreSQL.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> StartAsync(GrainRuntime runtime, CancellationToken cancellationToken)
    {
        await runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).GetSnapshotAsync();
        await runtime.GetGrain<IFrameworkGrain>(IFrameworkGrain.AppsFrameworkId).GetAsync();
        using var agents = await runtime.PreloadAsync<IAgentGrain>("agent", cancellationToken);
        await ActivateAsync<IAgentGrain>(runtime, agents.Keys, agent => agent.GetAsync(), cancellationToken);
        using var apps = await runtime.PreloadAsync<IAppGrain>("app", cancellationToken);
        await ActivateAsync<IAppGrain>(runtime, apps.Keys, app => app.GetAsync(), cancellationToken);
        return agents.Keys;
    }

    // Many at once, spread over the cores: each activation parses its rows, and 50,000 of them one after another
    // would keep the API waiting for seconds.
    private static Task ActivateAsync<TGrain>(GrainRuntime runtime, IReadOnlyList<string> keys, Func<TGrain, Task> call, CancellationToken cancellationToken)
        where TGrain : IGrainWithStringKey =>
        Parallel.ForEachAsync(
            keys,
            new ParallelOptions { MaxDegreeOfParallelism = ActivationsAtOnce, CancellationToken = cancellationToken },
            async (key, _) => await call(runtime.GetGrain<TGrain>(key)));
}
