using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Agents;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// <c>up</c>: a master and one local agent in one process, on SQLite under the data directory, serving the API.
/// The agent talks to the master by method calls; agents of other processes may join over HTTP.
/// </summary>
internal static class EmbeddedCluster
{
    /// <summary>Starts it with the containerizers named in <paramref name="containerizers"/>; docker runs on <paramref name="docker"/>.</summary>
    public static async Task<WebApplication> StartAsync(UpSettings settings, IReadOnlyList<string> containerizers, DockerClient? docker, CancellationToken cancellationToken)
    {
        var storage = GrainStateStores.Open(Path.Combine(settings.DataDirectory, "state.db"));
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(_ => new HttpAgentChannels(settings.Authentication.AgentToken, MasterHost.AgentCallTimeout));
        MasterHost.AddControlPlane(builder.Services, storage, new ControlPlaneOptions(), sp => new InProcessAgentChannels(
            sp.GetRequiredService<AgentService>, sp.GetRequiredService<HttpAgentChannels>()));
        var agent = new AgentHost.Definition(
            Path.Combine(settings.DataDirectory, "agent"), settings.Hostname ?? System.Net.Dns.GetHostName(), InProcessAgentChannels.Endpoint,
            settings.Resources, settings.Attributes);
        AgentHost.AddAgent(builder.Services, agent, containerizers, docker, sp => sp.GetRequiredService<ControlPlane>().Gateway);
        builder.Services.AddSingleton<ITaskLogsFactory>(sp => new InProcessTaskLogs(
            sp.GetRequiredService<AgentService>, new HttpTaskLogs(sp.GetRequiredService<HttpAgentChannels>())));
        // Order matters: the control plane is up before the agent registers, and stops after it.
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControlPlane>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentService>());

        var app = builder.Build();
        MasterHost.MapMaster(app, storage, settings.Authentication.Security);
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<AgentService>().Registered.WaitAsync(cancellationToken);
        return app;
    }
}
