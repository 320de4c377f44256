using System.CommandLine;
using System.Globalization;
using Mesos.Orleans.Cli.Hosting;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Master.Security;
using Mesos.Orleans.Storage.Postgres;
using Mesos.Orleans.Telemetry.Export;
using Microsoft.Extensions.DependencyInjection;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>master</c>: the control plane alone, on a SQLite file or PostgreSQL, serving the API and the agent channel
/// until Ctrl-C. Agents run as <c>agent</c> processes and reach it over HTTP. Masters on one store form a group: they
/// compete for the leader lease; the leader runs the control plane, the others redirect to it. A master that loses
/// the lease exits with <see cref="DeposedExitCode"/>, for its supervisor to restart it as a standby.
/// </summary>
internal static class MasterCommand
{
    /// <summary>What the master prints once it serves.</summary>
    public const string Banner = "Mesos.Orleans master is up.";

    /// <summary>The exit code of a master that lost the leader lease (as Mesos' and Marathon's masters abort).</summary>
    public const int DeposedExitCode = 3;

    public static Command Create(CliContext cli)
    {
        var store = new Option<string>("--store")
        {
            Description = "The state store: a SQLite file path, or a PostgreSQL connection string (Host=…;Database=…) or URI (postgres://…)",
            Required = true,
        };
        var listen = new Option<string>("--listen") { Description = "Where the API and the agent channel listen", DefaultValueFactory = _ => "127.0.0.1:5050" };
        var advertise = new Option<string?>("--advertise") { Description = "The URL agents and clients reach this master on (default: the listen address)" };
        var tokenFile = new Option<string?>("--auth-token-file")
        {
            Description = "Bearer tokens of the API, one per line; turns authentication on (required off loopback)",
        };
        var agentTokenFile = new Option<string?>("--agent-token-file") { Description = "Agent tokens, one per line: agents present one, and the master presents the first to agents" };
        var agentToken = new Option<string?>("--agent-token") { Description = "An agent token (as --agent-token-file, given inline)" };
        var heartbeat = new Option<double>("--heartbeat-interval")
        {
            Description = "Seconds between agents' pings",
            DefaultValueFactory = _ => ControlPlaneOptions.DefaultHeartbeatInterval.TotalSeconds,
        };
        var missed = new Option<int>("--max-missed-heartbeats")
        {
            Description = "Pings in a row an agent may miss before it is unreachable and its tasks are replaced",
            DefaultValueFactory = _ => ControlPlaneOptions.DefaultMaxMissedHeartbeats,
        };
        var leaseTtl = new Option<double>("--lease-ttl")
        {
            Description = "Seconds a leader's lease lasts: a dead leader is replaced within about this long; a leader that cannot renew for 3/4 of it steps down",
            DefaultValueFactory = _ => new ElectionOptions().Ttl.TotalSeconds,
        };
        var command = new Command("master", "Run a master: the control plane and the API, on SQLite or PostgreSQL; agents join over HTTP. Masters on one store elect a leader; the others redirect to it")
        {
            store, listen, advertise, tokenFile, agentTokenFile, agentToken, heartbeat, missed, leaseTtl,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var problems = new List<string>();
            var listenUri = CliContext.ResolveServer(result.GetValue(listen));
            var advertised = ParseUrl(result.GetValue(advertise), "--advertise", problems);
            var interval = result.GetValue(heartbeat);
            if (!(interval > 0) || !double.IsFinite(interval))
            {
                problems.Add($"--heartbeat-interval: must be more than 0 seconds, not {interval.ToString(CultureInfo.InvariantCulture)}");
            }

            var ttl = result.GetValue(leaseTtl);
            if (!(ttl >= 1) || !double.IsFinite(ttl))
            {
                problems.Add($"--lease-ttl: must be at least 1 second, not {ttl.ToString(CultureInfo.InvariantCulture)}");
            }

            if (result.GetValue(missed) < 1)
            {
                problems.Add($"--max-missed-heartbeats: must be at least 1, not {result.GetValue(missed)}");
            }

            var security = ReadSecurity(listenUri, result.GetValue(tokenFile), result.GetValue(agentTokenFile), result.GetValue(agentToken), problems, out var presented);
            if (problems.Count > 0)
            {
                problems.ForEach(p => cli.Error.WriteLine($"Error: {p}"));
                return CliContext.Usage;
            }

            var settings = new MasterSettings
            {
                Store = result.GetValue(store)!,
                Listen = listenUri,
                Advertise = ServerBuilder.Advertised(listenUri, advertised),
                Security = security,
                AgentToken = presented,
                AuthTokenFile = result.GetValue(tokenFile),
                Election = ElectionOptions.ForTtl(TimeSpan.FromSeconds(ttl)),
                Options = new ControlPlaneOptions
                {
                    HeartbeatInterval = TimeSpan.FromSeconds(interval),
                    MaxMissedHeartbeats = result.GetValue(missed),
                },
            };
            return await RunAsync(cli, settings, cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(CliContext cli, MasterSettings settings, CancellationToken cancellationToken)
    {
        // Before anything starts, so the first spans and measurements have a listener; disposed last, flushing.
        using var telemetry = OtlpExport.FromEnvironment("mesos-orleans-master");
        Microsoft.AspNetCore.Builder.WebApplication app;
        try
        {
            app = await MasterHost.StartAsync(settings, reason => StepDown(cli, reason), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return CliContext.Ok;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            cli.Error.WriteLine($"Error: the master could not start: {e.Message}");
            return CliContext.Refused;
        }

        await using (app)
        {
            var o = cli.Output;
            o.WriteLine(Banner);
            o.WriteLine($"  API:        {settings.Listen} (advertised as {settings.Advertise})");
            o.WriteLine($"  Store:      {DescribeStore(settings.Store)}");
            o.WriteLine($"  Heartbeats: every {settings.Options.HeartbeatInterval.TotalSeconds:0.###} s; unreachable after {settings.Options.AgentUnreachableAfter.TotalSeconds:0.###} s");
            o.WriteLine(settings.Security.Enabled
                ? $"  Auth:       bearer tokens from {settings.AuthTokenFile}; agents present an agent token"
                : settings.Security.AgentTokens.Count > 0 ? "  Auth:       API open (loopback only); agents present an agent token" : "  Auth:       off (loopback only)");
            o.WriteLine($"  Election:   lease '{settings.Election.LeaseName}', ttl {settings.Election.Ttl.TotalSeconds:0.###} s");
            o.WriteLine($"Agents join with: mesos-orleans agent --master {settings.Advertise}[,<other masters>]");
            ReportRole(o, app.Services.GetRequiredService<LeaderElection>());
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C.
            }

            o.WriteLine("Stopping…");
            await app.StopAsync(CancellationToken.None);
            o.WriteLine("Stopped.");
        }

        return CliContext.Ok;
    }

    // Says when this master leads, and who does while it stands by.
    private static void ReportRole(TextWriter output, LeaderElection election)
    {
        election.Elected += term => output.WriteLine($"Leading (epoch {term.Epoch}): starting the control plane.");
        election.LeaderChanged += leader =>
        {
            if (leader is not null && leader.HolderId != election.HolderId)
            {
                output.WriteLine($"Standing by; the leader is {leader.Url} (epoch {leader.Epoch}).");
            }
        };
        if (!election.IsLeader && election.Leader is null)
        {
            output.WriteLine("Standing by; no leader is known yet.");
        }
        else if (election.Leader is { } now)
        {
            output.WriteLine(now.HolderId == election.HolderId ? $"Leading (epoch {now.Epoch})." : $"Standing by; the leader is {now.Url} (epoch {now.Epoch}).");
        }
    }

    // The lease is lost: stop at once, without waiting for the grains (the store refuses their writes now anyway),
    // and leave the restart to the supervisor, as Mesos' and Marathon's masters do.
    private static void StepDown(CliContext cli, string reason)
    {
        cli.Error.WriteLine($"Error: this master is no longer the leader ({reason}); exiting for its supervisor to restart it as a standby.");
        cli.Error.Flush();
        Environment.Exit(DeposedExitCode);
    }

    // Never prints a password: a PostgreSQL store is named by its host and database only.
    private static string DescribeStore(string store)
    {
        if (!PostgresConnectionStrings.IsPostgres(store))
        {
            return $"SQLite {Path.GetFullPath(store)}";
        }

        var builder = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnectionStrings.Normalize(store));
        return $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}";
    }

    private static ApiSecurity ReadSecurity(Uri listen, string? apiFile, string? agentFile, string? agentToken, List<string> problems, out string? presented)
    {
        presented = null;
        var apiTokens = ReadTokens(apiFile, "--auth-token-file", problems);
        var agentTokens = ReadTokens(agentFile, "--agent-token-file", problems);
        if (agentToken is { } inline)
        {
            if (string.IsNullOrWhiteSpace(inline))
            {
                problems.Add("--agent-token: must not be empty");
            }
            else
            {
                agentTokens = [inline.Trim(), .. agentTokens ?? []];
            }
        }

        var enabled = UpAuthentication.IsRequired(listen, apiFile);
        if (enabled && apiFile is null)
        {
            problems.Add($"--auth-token-file: required when listening on {listen.Host} (not a loopback address): the API must not be open to the network");
        }

        if (enabled && agentTokens is not { Count: > 0 })
        {
            problems.Add("--agent-token or --agent-token-file: required with authentication on, so that only your agents can join");
        }

        presented = agentTokens is [var first, ..] ? first : null;
        return new ApiSecurity
        {
            Enabled = enabled,
            ApiTokens = new BearerTokens(apiTokens ?? []),
            AgentTokens = new BearerTokens(agentTokens ?? []),
        };
    }

    private static IReadOnlyList<string>? ReadTokens(string? file, string option, List<string> problems)
    {
        if (file is null)
        {
            return null;
        }

        try
        {
            var tokens = TokenFile.Read(file);
            if (tokens.Count == 0)
            {
                problems.Add($"{option}: {file} holds no token (one per line)");
            }

            return tokens;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add($"{option}: cannot read {file}: {e.Message}");
            return null;
        }
    }

    /// <summary>Parses an http(s) URL option (a bare host:port gets http://); null when not given.</summary>
    internal static Uri? ParseUrl(string? text, string option, List<string> problems)
    {
        if (text is null)
        {
            return null;
        }

        var withScheme = text.Contains("://", StringComparison.Ordinal) ? text : "http://" + text;
        if (Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            return uri;
        }

        problems.Add($"{option}: '{text}' is not an http(s) URL or host:port");
        return null;
    }
}
