using Mesos.Orleans.Agent.Channel;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Agent.Hosting;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Docker;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// Builds an agent: its containerizers and <see cref="AgentService"/>. <c>agent</c> runs it with its own endpoint,
/// talking to the masters over HTTP; <c>up</c> adds it next to the master, talking by method calls.
/// </summary>
internal static class AgentHost
{
    /// <summary>What the agent is, wherever it runs.</summary>
    public sealed record Definition(
        string WorkDirectory, string Hostname, string Endpoint, ResourceSet? Resources, IReadOnlyDictionary<string, string> Attributes);

    /// <summary>Builds and starts <c>agent</c>; returns once it registered with a master.</summary>
    public static async Task<WebApplication> StartAsync(AgentSettings settings, IReadOnlyList<string> containerizers, DockerClient? docker, CancellationToken cancellationToken)
    {
        var builder = ServerBuilder.Create(settings.Listen);
        builder.Services.AddSingleton(sp => new HttpMasterChannel(
            settings.Masters, settings.AgentToken, sp.GetRequiredService<ILoggerFactory>().CreateLogger<HttpMasterChannel>()));
        var definition = new Definition(
            settings.WorkDirectory, settings.Hostname ?? System.Net.Dns.GetHostName(), settings.Advertise.ToString().TrimEnd('/'), settings.Resources, settings.Attributes);
        AddAgent(builder.Services, definition, containerizers, docker, sp => sp.GetRequiredService<HttpMasterChannel>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AgentService>());
        var app = builder.Build();
        app.MapAgentApi(app.Services.GetRequiredService<AgentService>(), settings.AgentToken);
        await app.StartAsync(cancellationToken);
        await app.Services.GetRequiredService<AgentService>().Registered.WaitAsync(cancellationToken);
        return app;
    }

    /// <summary>Registers the containerizers named in <paramref name="containerizers"/> and the agent (the hosted service is added by the caller).</summary>
    public static void AddAgent(
        IServiceCollection services, Definition agent, IReadOnlyList<string> containerizers, DockerClient? docker, Func<IServiceProvider, IMasterChannel> master)
    {
        foreach (var kind in containerizers)
        {
            if (kind == DockerContainerizer.ContainerKind)
            {
                var client = docker ?? throw new ArgumentException("the docker containerizer needs an engine", nameof(docker));
                services.AddSingleton<IContainerizer>(sp => new DockerContainerizer(
                    client,
                    () => sp.GetRequiredService<AgentService>().AgentId, // read at recovery and launch, once the agent exists
                    new DockerContainerizerOptions(),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<DockerContainerizer>(),
                    sp.GetRequiredService<TimeProvider>()));
            }
            else
            {
                services.AddSingleton<IContainerizer>(sp => new ProcessContainerizer(
                    Path.Combine(agent.WorkDirectory, "containers", ProcessContainerizer.ContainerKind),
                    sp.GetRequiredService<ILoggerFactory>().CreateLogger<ProcessContainerizer>(),
                    sp.GetRequiredService<TimeProvider>()));
            }
        }

        services.AddSingleton(sp => new AgentService(
            new AgentOptions
            {
                WorkDirectory = agent.WorkDirectory,
                Hostname = agent.Hostname,
                Endpoint = agent.Endpoint,
                Resources = agent.Resources,
                Attributes = agent.Attributes,
            },
            master(sp),
            sp.GetServices<IContainerizer>(),
            sp.GetRequiredService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>()));
    }
}
