using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Api;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// <c>up</c>: a master and one local agent in one process, on SQLite under the data directory, serving the API.
/// The agent talks to the master by method calls; everything else is as in a cluster.
/// </summary>
internal static class EmbeddedCluster
{
    /// <summary>Starts it with the containerizers named in <paramref name="containerizers"/>; docker runs on <paramref name="docker"/>.</summary>
    public static async Task<WebApplication> StartAsync(UpSettings settings, IReadOnlyList<string> containerizers, DockerClient? docker, CancellationToken cancellationToken)
    {
        var storage = GrainStateStores.Open(Path.Combine(settings.DataDirectory, "state.db"));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(settings.Listen.ToString());
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = MasterApi.MaxRequestBodyBytes);
        builder.Logging.ClearProviders();
        // Log scopes carry the current span's trace and span ids, so a line can be found from its trace and back.
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(storage);
        builder.Services.AddSingleton(sp => new ControlPlane(
            storage.States,
            new InProcessAgentChannels(sp.GetRequiredService<AgentService>),
            new ControlPlaneOptions(),
            new GrainRuntimeOptions(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        var work = Path.Combine(settings.DataDirectory, "agent");
        foreach (var kind in containerizers)
        {
            if (kind == DockerContainerizer.ContainerKind)
            {
                var client = docker ?? throw new ArgumentException("the docker containerizer needs an engine", nameof(docker));
                builder.Services.AddSingleton<IContainerizer>(sp => new DockerContainerizer(
                    client,
                    () => sp.GetRequiredService<AgentService>().AgentId, // read at recovery and launch, once the agent exists
                    new DockerContainerizerOptions(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<DockerContainerizer>(),
                    sp.GetRequiredService<TimeProvider>()));
            }
            else
            {
                builder.Services.AddSingleton<IContainerizer>(sp => new ProcessContainerizer(
                    Path.Combine(work, "containers", ProcessContainerizer.ContainerKind),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProcessContainerizer>(),
                    sp.GetRequiredService<TimeProvider>()));
            }
        }
        builder.Services.AddSingleton(sp => new AgentService(
            new AgentOptions
            {
                WorkDirectory = work,
                Hostname = settings.Hostname ?? System.Net.Dns.GetHostName(),
                Resources = settings.Resources,
                Attributes = settings.Attributes,
            },
            sp.GetRequiredService<ControlPlane>().Gateway,
            sp.GetServices<IContainerizer>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<ITaskLogs>(sp => sp.GetRequiredService<AgentService>()); // the API reads tasks' logs from it
        // Order matters: the control plane is up before the agent registers, and stops after it.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControlPlane>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentService>());

        var app = builder.Build();
        app.MapMasterApi(app.Services.GetRequiredService<ControlPlane>(), settings.Authentication.Security);
        app.Lifetime.ApplicationStopped.Register(() => storage.DisposeAsync().AsTask().GetAwaiter().GetResult());
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<AgentService>().Registered.WaitAsync(cancellationToken);
        return app;
    }
}
