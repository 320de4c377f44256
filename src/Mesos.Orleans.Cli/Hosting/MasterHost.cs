using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Agents;
using Mesos.Orleans.Master.Api;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Master.Security;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// Builds the master's web application: the leader election, the control plane on its store (started once elected),
/// the HTTP API and the agent channel.
/// <c>master</c> runs it alone, reaching agents over HTTP; <c>up</c> adds an agent in the same process
/// (<see cref="EmbeddedCluster"/>) from the same parts.
/// </summary>
internal static class MasterHost
{
    /// <summary>The longest a launch or kill posted to an agent may take.</summary>
    public static readonly TimeSpan AgentCallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Builds <c>master</c>'s application (not started): the store is opened, its schema migrated on start. The
    /// master competes for the leader lease in its store (<see cref="LeaderElection"/>); it starts the control plane
    /// only once elected and redirects to the leader until then. <paramref name="stepDown"/> is called when it loses
    /// the lease.
    /// </summary>
    public static WebApplication Build(MasterSettings settings, Action<string> stepDown)
    {
        var storage = GrainStateStores.Open(settings.Store);
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new HttpAgentChannels(settings.AgentToken, AgentCallTimeout));
        AddControlPlane(builder.Services, storage, settings.Options, sp => sp.GetRequiredService<HttpAgentChannels>());
        builder.Services.AddSingleton(sp => new LeaderElection(
            storage.Leases,
            MasterRun.Current(sp.GetRequiredService<ControlPlane>().Id).HolderId,
            settings.Advertise,
            settings.Election,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<LeaderElection>(),
            MasterRun.HasEnded));
        builder.Services.AddSingleton(sp => new LeadershipService(
            storage,
            sp.GetRequiredService<LeaderElection>(),
            sp.GetRequiredService<ControlPlane>(),
            stepDown,
            sp.GetRequiredService<ILogger<LeadershipService>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LeadershipService>());
        builder.Services.AddSingleton<ITaskLogsFactory>(sp => new HttpTaskLogs(sp.GetRequiredService<HttpAgentChannels>())); // logs read from the agents
        var app = builder.Build();
        MapMaster(app, storage, settings.Security, app.Services.GetRequiredService<LeaderElection>());
        return app;
    }

    /// <summary>
    /// Builds and starts <c>master</c>; returns once it knows its part: leading with its control plane up, or standing
    /// by with a leader to redirect to.
    /// </summary>
    public static async Task<WebApplication> StartAsync(MasterSettings settings, Action<string> stepDown, CancellationToken cancellationToken)
    {
        var app = Build(settings, stepDown);
        var election = app.Services.GetRequiredService<LeaderElection>();
        var settled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(LeaderInfo? leader)
        {
            if (leader is not null)
            {
                settled.TrySetResult();
            }
        }

        election.LeaderChanged += Check;
        try
        {
            await app.StartAsync(cancellationToken);
            Check(election.Leader);
            await settled.Task.WaitAsync(cancellationToken);
        }
        finally
        {
            election.LeaderChanged -= Check;
        }

        if (election.IsLeader)
        {
            await app.Services.GetRequiredService<LeadershipService>().Leading.WaitAsync(cancellationToken);
        }

        return app;
    }

    /// <summary>Registers the store and the control plane over it (the hosted service is added by the caller, in its order).</summary>
    public static void AddControlPlane(
        IServiceCollection services, GrainStorage storage, ControlPlaneOptions options, Func<IServiceProvider, IAgentChannelFactory> agentChannels)
    {
        services.AddSingleton(storage);
        services.AddSingleton(sp => new ControlPlane(
            storage.States,
            agentChannels(sp),
            options,
            new GrainRuntimeOptions(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
    }

    /// <summary>Maps the API and the agent channel of a sole master; the store is closed once the application has stopped.</summary>
    public static void MapMaster(WebApplication app, GrainStorage storage, ApiSecurity security) =>
        MapMaster(app, storage, security, SoleMaster.Instance);

    /// <summary>Maps the API and the agent channel, redirecting to the leader while this master does not lead.</summary>
    public static void MapMaster(WebApplication app, GrainStorage storage, ApiSecurity security, ILeadership leadership)
    {
        app.MapMasterApi(app.Services.GetRequiredService<ControlPlane>(), security, leadership);
        app.Lifetime.ApplicationStopped.Register(() => storage.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }
}
