using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Agents;
using Mesos.Orleans.Master.Api;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Master.Security;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// Builds the master's web application: the control plane on its store, the HTTP API and the agent channel.
/// <c>master</c> runs it alone, reaching agents over HTTP; <c>up</c> adds an agent in the same process
/// (<see cref="EmbeddedCluster"/>) from the same parts.
/// </summary>
internal static class MasterHost
{
    /// <summary>The longest a launch or kill posted to an agent may take.</summary>
    public static readonly TimeSpan AgentCallTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Builds <c>master</c>'s application (not started): the store is opened, its schema migrated on start.</summary>
    public static WebApplication Build(MasterSettings settings)
    {
        var storage = GrainStateStores.Open(settings.Store);
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(_ => new HttpAgentChannels(settings.AgentToken, AgentCallTimeout));
        AddControlPlane(builder.Services, storage, settings.Options, sp => sp.GetRequiredService<HttpAgentChannels>());
        builder.Services.AddSingleton<ITaskLogsFactory>(sp => new HttpTaskLogs(sp.GetRequiredService<HttpAgentChannels>())); // logs read from the agents
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControlPlane>());
        var app = builder.Build();
        MapMaster(app, storage, settings.Security);
        return app;
    }

    /// <summary>Builds and starts <c>master</c>; returns once the control plane is up (schema migrated, grains activated).</summary>
    public static async Task<WebApplication> StartAsync(MasterSettings settings, CancellationToken cancellationToken)
    {
        var app = Build(settings);
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<ControlPlane>().Ready.WaitAsync(cancellationToken);
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

    /// <summary>Maps the API and the agent channel; the store is closed once the application has stopped.</summary>
    public static void MapMaster(WebApplication app, GrainStorage storage, ApiSecurity security)
    {
        app.MapMasterApi(app.Services.GetRequiredService<ControlPlane>(), security);
        app.Lifetime.ApplicationStopped.Register(() => storage.DisposeAsync().AsTask().GetAwaiter().GetResult());
    }
}
