using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Views;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Grains.Hosting;

/// <summary>What the grains need from the process that hosts them.</summary>
public sealed record GrainServices(
    ControlPlaneOptions Options,
    IClusterObserver Observer,
    IAgentChannelFactory AgentChannels,
    ILoggerFactory LoggerFactory);
