using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>Settings of an agent, with their defaults.</summary>
public sealed class AgentOptions
{
    /// <summary>Mesos' default port range.</summary>
    public static readonly RangeSet DefaultPorts = RangeSet.Of(31000, 32000);

    /// <summary>Default of <see cref="SandboxGcDelay"/>.</summary>
    public static readonly TimeSpan DefaultSandboxGcDelay = TimeSpan.FromDays(1);

    /// <summary>
    /// How soon an agent pings again when the master did not answer (it restarted, or another took over): about as
    /// soon as a Mesos agent's master detector would see the new leader, not a whole heartbeat interval later.
    /// </summary>
    public static readonly TimeSpan UnansweredPingRetry = TimeSpan.FromSeconds(1);

    /// <summary>The wait before the next ping: the master's heartbeat interval, or sooner after a ping went unanswered.</summary>
    public static TimeSpan NextPingAfter(TimeSpan heartbeat, bool answered) =>
        answered || heartbeat < UnansweredPingRetry ? heartbeat : UnansweredPingRetry;

    /// <summary>Default of <see cref="StatusRetryMax"/>.</summary>
    public static readonly TimeSpan DefaultStatusRetryMax = TimeSpan.FromSeconds(10);

    /// <summary>Where the agent keeps its checkpoints, sandboxes and containers' metadata.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>The hostname tasks see as $HOST.</summary>
    public string Hostname { get; init; } = System.Net.Dns.GetHostName();

    /// <summary>Where the master reaches this agent.</summary>
    public string Endpoint { get; init; } = "in-process";

    /// <summary>What the agent offers; the machine's own resources when null.</summary>
    public ResourceSet? Resources { get; init; }

    /// <summary>Attributes for placement constraints.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>How long a finished task's sandbox (its logs) is kept.</summary>
    public TimeSpan SandboxGcDelay { get; init; } = DefaultSandboxGcDelay;

    /// <summary>The longest wait between two attempts to send status updates.</summary>
    public TimeSpan StatusRetryMax { get; init; } = DefaultStatusRetryMax;
}
