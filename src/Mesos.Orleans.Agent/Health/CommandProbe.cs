using System.Diagnostics;

namespace Mesos.Orleans.Agent.Health;

/// <summary>A command run in the task's sandbox with the task's environment: exit code 0 passes.</summary>
public sealed class CommandProbe(string command, string sandbox, IReadOnlyDictionary<string, string> environment) : IProbe
{
    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("/bin/sh") { WorkingDirectory = sandbox, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(command);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var output = process.StandardError.ReadToEndAsync(CancellationToken.None);
        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return new ProbeResult(false, $"command '{command}': no answer in time");
        }

        var stderr = (await output).Trim();
        return new ProbeResult(process.ExitCode == 0,
            $"command '{command}': exit code {process.ExitCode}{(stderr.Length > 0 ? $" ({(stderr.Length > 120 ? stderr[..120] : stderr)})" : "")}");
    }
}
