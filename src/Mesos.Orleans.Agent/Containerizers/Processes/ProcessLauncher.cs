using System.ComponentModel;
using System.Globalization;
using SystemProcess = System.Diagnostics.Process;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>Starts one task under its wrapper and waits until the wrapper says it is set up.</summary>
internal static class ProcessLauncher
{
    /// <summary>
    /// Starts the task and returns once its wrapper runs in its own session with its output redirected to the
    /// sandbox, after the pid file is written. On any failure nothing is left behind: no process, no metadata.
    /// </summary>
    /// <exception cref="ContainerLaunchException">The task could not be started.</exception>
    public static async Task<ProcessContainer> StartAsync(
        ContainerLaunch launch, ContainerMetadata metadata, string setsidPath, string kind, CancellationToken cancellationToken)
    {
        var id = launch.ContainerId;
        var startInfo = ProcessWrapper.CreateStartInfo(setsidPath, metadata.Directory, launch);
        try
        {
            metadata.CreateEmpty();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            throw new ContainerLaunchException($"Cannot launch container {id}: cannot create {metadata.Directory}: {exception.Message}", exception);
        }

        SystemProcess process;
        try
        {
            process = SystemProcess.Start(startInfo) ?? throw new ContainerLaunchException($"Cannot launch container {id}: {setsidPath} did not start.");
        }
        catch (Win32Exception exception)
        {
            TryDelete(metadata);
            throw new ContainerLaunchException($"Cannot launch container {id}: cannot run {setsidPath}: {exception.Message}", exception);
        }

        var succeeded = false;
        try
        {
            var pid = process.Id;
            // The start time is fixed at fork, so reading it now (before or after exec) gives the wrapper's.
            var startTime = ProcStat.TryRead(pid, out var stat) ? stat.StartTime : 0UL;
            metadata.WritePid(pid, startTime);

            var ready = await process.StandardOutput.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (ready != ProcessWrapper.ReadyLine)
            {
                await StopAsync(process).ConfigureAwait(false);
                var error = (await process.StandardError.ReadToEndAsync(CancellationToken.None).ConfigureAwait(false)).Trim();
                throw new ContainerLaunchException(
                    $"Cannot launch container {id}: its wrapper exited with code {process.ExitCode.ToString(CultureInfo.InvariantCulture)} before starting the task"
                    + (error.Length > 0 ? $": {error}" : "."));
            }

            // The wrapper now writes to the sandbox files; these pipes are done.
            process.StandardOutput.Dispose();
            process.StandardError.Dispose();
            var data = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [ProcessContainerizer.PidKey] = pid.ToString(CultureInfo.InvariantCulture),
                [ProcessContainerizer.StartTimeKey] = startTime.ToString(CultureInfo.InvariantCulture),
            };
            var record = new ContainerRecord(id, kind, launch.SandboxDirectory, data);
            succeeded = true;
            return new ProcessContainer(record, metadata, pid, startTime) { Child = process };
        }
        catch (IOException exception)
        {
            throw new ContainerLaunchException($"Cannot launch container {id}: {exception.Message}", exception);
        }
        finally
        {
            if (!succeeded)
            {
                await StopAsync(process).ConfigureAwait(false);
                process.Dispose();
                TryDelete(metadata);
            }
        }
    }

    /// <summary>Kills a wrapper that is still our unreaped child (so its pid is safe to signal) and waits for it.</summary>
    private static async Task StopAsync(SystemProcess process)
    {
        if (!process.HasExited)
        {
            _ = NativeMethods.Kill(-process.Id, NativeMethods.SIGKILL);
            _ = NativeMethods.Kill(process.Id, NativeMethods.SIGKILL);
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private static void TryDelete(ContainerMetadata metadata)
    {
        try
        {
            metadata.Delete();
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Recovery removes metadata of containers the agent does not own.
        }
    }
}
