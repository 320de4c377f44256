namespace Mesos.Orleans.Master.Security;

/// <summary>
/// Who may use the master: with authentication on, every request but <c>/ping</c> and <c>/health</c> must carry
/// one of <see cref="ApiTokens"/> as a bearer token. Agents have tokens of their own (<see cref="AgentTokens"/>), for
/// the agent channel only: an agent token does not open the API.
/// </summary>
public sealed record ApiSecurity
{
    /// <summary>No authentication (the default on a loopback address).</summary>
    public static ApiSecurity Open { get; } = new() { Enabled = false };

    /// <summary>True when requests must authenticate.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The tokens that open the API.</summary>
    public BearerTokens ApiTokens { get; init; } = new([]);

    /// <summary>The tokens agents present on the agent channel.</summary>
    public BearerTokens AgentTokens { get; init; } = new([]);
}
