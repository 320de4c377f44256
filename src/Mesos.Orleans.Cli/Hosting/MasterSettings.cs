using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Master.Security;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>How <c>master</c> runs: its store, where it listens and is reached, who may use it.</summary>
internal sealed record MasterSettings
{
    /// <summary>A SQLite file path, or a PostgreSQL connection string (<c>Host=…;Database=…</c>).</summary>
    public required string Store { get; init; }

    /// <summary>Where the API and the agent channel listen.</summary>
    public required Uri Listen { get; init; }

    /// <summary>The URL agents and clients reach this master on (what a standby redirects to).</summary>
    public required Uri Advertise { get; init; }

    /// <summary>The API's and the agent channel's tokens.</summary>
    public ApiSecurity Security { get; init; } = ApiSecurity.Open;

    /// <summary>The token the master presents to agents (the first agent token), or null when agents take none.</summary>
    public string? AgentToken { get; init; }

    /// <summary>Where the API's tokens came from, for the banner.</summary>
    public string? AuthTokenFile { get; init; }

    /// <summary>How this master competes for the leader lease.</summary>
    public ElectionOptions Election { get; init; } = new();

    /// <summary>The grains' settings (heartbeats, allocation…).</summary>
    public ControlPlaneOptions Options { get; init; } = new();
}
