using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>How <c>up</c> runs: where its state lives, where it listens, what its agent offers.</summary>
internal sealed record UpSettings
{
    /// <summary>The default data directory: <c>~/.local/share/mesos-orleans</c> on Linux.</summary>
    public static string DefaultDataDirectory =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "mesos-orleans");

    public required string DataDirectory { get; init; }

    public required Uri Listen { get; init; }

    public string? Apply { get; init; }

    public ResourceSet? Resources { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();

    public string? Hostname { get; init; }

    /// <summary>The containerizers asked for with <c>--containerizers</c>; null: docker too when an engine answers.</summary>
    public IReadOnlyList<string>? Containerizers { get; init; }

    /// <summary>Where the API's tokens are (<c>--auth-token-file</c>); null for the default.</summary>
    public string? AuthTokenFile { get; init; }

    /// <summary>How the API authenticates; decided once the data directory is locked.</summary>
    public UpAuthentication Authentication { get; init; } = UpAuthentication.Off;

    /// <summary>The API's URL for clients in this process: a wildcard listen address is reached on loopback.</summary>
    public Uri LocalServer => Listen.Host is "0.0.0.0" or "[::]" ? new UriBuilder(Listen) { Host = "127.0.0.1" }.Uri : Listen;
}
