using System.Diagnostics;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>The real <c>mesos-orleans</c>, built beside the tests, started as a child process.</summary>
public static class MesosOrleansExecutable
{
    /// <summary>The CLI's assembly, copied next to the tests by the project reference.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "mesos-orleans.dll");

    /// <summary>A start description for <c>dotnet mesos-orleans.dll args…</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> args, string? server = null, string? token = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (server is not null)
        {
            info.Environment["MESOS_ORLEANS_SERVER"] = server;
        }

        // Never the token of the environment the tests run in: only the one a test gives.
        info.Environment.Remove("MESOS_ORLEANS_TOKEN");
        if (token is not null)
        {
            info.Environment["MESOS_ORLEANS_TOKEN"] = token;
        }

        return info;
    }

    /// <summary>Runs a CLI command to its end.</summary>
    public static Task<CliResult> RunAsync(string? server, string? stdin, params string[] args) => RunWithTokenAsync(server, null, stdin, args);

    /// <summary>Runs a CLI command to its end, with <c>$MESOS_ORLEANS_TOKEN</c> set to <paramref name="token"/> when given.</summary>
    public static async Task<CliResult> RunWithTokenAsync(string? server, string? token, string? stdin, params string[] args)
    {
        using var process = Process.Start(StartInfo(args, server, token))!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }

        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
