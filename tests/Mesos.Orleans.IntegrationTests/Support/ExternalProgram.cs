using System.Diagnostics;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>Runs a program other than mesos-orleans (npm, node) to its end and collects what it printed.</summary>
public static class ExternalProgram
{
    /// <summary>Runs <paramref name="program"/> in <paramref name="directory"/>; fails the test if it outlives <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(string program, string directory, TimeSpan timeout, params string[] args)
    {
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', args)} ran longer than {timeout}:\n{await output}\n{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }
}
