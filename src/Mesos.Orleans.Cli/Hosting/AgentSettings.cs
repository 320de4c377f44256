using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>How <c>agent</c> runs: its masters, where it listens and is reached, its work directory and offer.</summary>
internal sealed record AgentSettings
{
    /// <summary>The masters' URLs; the agent follows whichever leads.</summary>
    public required IReadOnlyList<Uri> Masters { get; init; }

    /// <summary>Where the agent's endpoint (launch, kill) listens.</summary>
    public required Uri Listen { get; init; }

    /// <summary>The URL the master reaches the agent on.</summary>
    public required Uri Advertise { get; init; }

    /// <summary>Checkpoints, sandboxes and containers' metadata.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>What the agent offers; the machine's when null.</summary>
    public ResourceSet? Resources { get; init; }

    /// <summary>Attributes for placement constraints.</summary>
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    /// <summary>The hostname tasks see ($HOST); the machine's when null.</summary>
    public string? Hostname { get; init; }

    /// <summary>The containerizers asked for; null: docker too when an engine answers.</summary>
    public IReadOnlyList<string>? Containerizers { get; init; }

    /// <summary>The token presented to the master and required from it; null for none.</summary>
    public string? AgentToken { get; init; }
}
