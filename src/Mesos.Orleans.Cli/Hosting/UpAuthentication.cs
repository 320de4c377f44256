using System.Net;
using Mesos.Orleans.Master.Security;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// How <c>up</c> protects its API: off on a loopback address (only this machine reaches it), on when it listens on
/// any other address or a token file is given. The API's tokens come from <c>--auth-token-file</c> (default
/// <c>&lt;data-dir&gt;/auth-token</c>), and a file that does not exist is created with a new token (0600). The agent
/// gets a token of its own in <c>&lt;data-dir&gt;/agent-token</c>.
/// </summary>
internal sealed record UpAuthentication(ApiSecurity Security, string? ClientToken, string? TokenFile, bool TokenCreated)
{
    /// <summary>The token the master presents to agents of other processes (and they to it), when authentication is on.</summary>
    public string? AgentToken { get; init; }

    /// <summary>The name of the API's token file in the data directory.</summary>
    public const string DefaultTokenFileName = "auth-token";

    /// <summary>The name of the agent's token file in the data directory.</summary>
    public const string AgentTokenFileName = "agent-token";

    /// <summary>Authentication off.</summary>
    public static UpAuthentication Off { get; } = new(ApiSecurity.Open, null, null, false);

    /// <summary>True when the API must authenticate: a token file is given, or the address is not a loopback one.</summary>
    public static bool IsRequired(Uri listen, string? tokenFile) => tokenFile is not null || !IsLoopback(listen);

    /// <summary>Reads (or creates) the token files; throws <see cref="InvalidOperationException"/> when they hold no token.</summary>
    public static UpAuthentication Prepare(string dataDirectory, Uri listen, string? tokenFile)
    {
        if (!IsRequired(listen, tokenFile))
        {
            return Off;
        }

        var path = Path.GetFullPath(tokenFile ?? Path.Combine(dataDirectory, DefaultTokenFileName));
        var tokens = Master.Security.TokenFile.ReadOrCreate(path, out var created);
        if (tokens.Count == 0)
        {
            throw new InvalidOperationException($"the token file {path} holds no token (one per line)");
        }

        var agentTokens = Master.Security.TokenFile.ReadOrCreate(Path.Combine(dataDirectory, AgentTokenFileName), out _);
        var security = new ApiSecurity { Enabled = true, ApiTokens = new BearerTokens(tokens), AgentTokens = new BearerTokens(agentTokens) };
        return new UpAuthentication(security, tokens[0], path, created) { AgentToken = agentTokens.Count > 0 ? agentTokens[0] : null };
    }

    private static bool IsLoopback(Uri listen) =>
        listen.IsLoopback || (IPAddress.TryParse(listen.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
