using System.CommandLine;
using Mesos.Orleans.Cli.Client;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>What every client command shares: the master's address and where output goes.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error)
{
    /// <summary>Exit code: done.</summary>
    public const int Ok = 0;

    /// <summary>Exit code: the master said no (or could not be reached).</summary>
    public const int Refused = 1;

    /// <summary>Exit code: the command line is wrong.</summary>
    public const int Usage = 2;

    public Option<string?> Server { get; } = new("--server", "-s")
    {
        Description = $"The master's URL (default: ${MasterClient.ServerVariable}, else {MasterClient.DefaultServer})",
        Recursive = true,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = $"The bearer token to present (default: --token-file, else ${MasterClient.TokenVariable})",
        Recursive = true,
    };

    public Option<string?> TokenFile { get; } = new("--token-file")
    {
        Description = "A file whose first token is presented (as `up` writes <data-dir>/auth-token)",
        Recursive = true,
    };

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public MasterClient Client(ParseResult result) => new(ResolveServer(result.GetValue(Server)), ResolveToken(result));

    /// <summary>The token to present: <c>--token</c>, else the first in <c>--token-file</c>, else the environment's.</summary>
    public string? ResolveToken(ParseResult result)
    {
        if (result.GetValue(Token) is { Length: > 0 } token)
        {
            return token;
        }

        if (result.GetValue(TokenFile) is { } file)
        {
            try
            {
                return Master.Security.TokenFile.Read(file) is [var first, ..] ? first
                    : throw new ApiException($"--token-file {file} holds no token");
            }
            catch (IOException e)
            {
                throw new ApiException($"cannot read --token-file {file}: {e.Message}", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new ApiException($"cannot read --token-file {file}: {e.Message}", e);
            }
        }

        return Environment.GetEnvironmentVariable(MasterClient.TokenVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment : null;
    }

    public static Uri ResolveServer(string? server)
    {
        var text = server ?? Environment.GetEnvironmentVariable(MasterClient.ServerVariable) ?? MasterClient.DefaultServer;
        if (!text.Contains("://", StringComparison.Ordinal))
        {
            text = "http://" + text;
        }

        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    /// <summary>Runs a client action, turning the master's refusal into a message and exit code 1.</summary>
    public async Task<int> RunAsync(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (ApiException e)
        {
            PrintError(e);
            return Refused;
        }
    }

    public void PrintError(ApiException e)
    {
        Error.WriteLine($"Error: {e.Message}");
        foreach (var detail in e.Error.Details ?? [])
        {
            foreach (var problem in detail.Errors)
            {
                Error.WriteLine(detail.Path.Length == 0 ? $"  {problem}" : $"  {detail.Path}: {problem}");
            }
        }
    }
}
