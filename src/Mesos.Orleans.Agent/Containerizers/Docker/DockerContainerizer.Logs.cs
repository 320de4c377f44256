using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>
/// A container's output, copied into its sandbox's <c>stdout</c> and <c>stderr</c>: followed while it runs, so the
/// files are current, and complete before its end is reported, so they outlive the container until the agent
/// collects the sandbox.
/// </summary>
public sealed partial class DockerContainerizer
{
    // The files are rewritten from the engine's whole log: after an agent restart they hold no duplicate.
    private async Task CopyLogsAsync(DockerContainer container, bool follow)
    {
        await Task.Yield();
        try
        {
            var stdout = OpenLog(container.SandboxDirectory, "stdout");
            await using (stdout.ConfigureAwait(false))
            {
                var stderr = OpenLog(container.SandboxDirectory, "stderr");
                await using (stderr.ConfigureAwait(false))
                {
                    var parameters = new ContainerLogsParameters { Follow = follow };
                    await foreach (var frame in _client.Containers.GetLogsAsync(container.Reference, parameters, container.LogToken).ConfigureAwait(false))
                    {
                        var file = frame.Stream == LogStreamType.Stderr ? stderr : stdout;
                        await file.WriteAsync(frame.Payload, container.LogToken).ConfigureAwait(false);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (container.LogToken.IsCancellationRequested)
        {
        }
        catch (Exception e) when (IsEngineFailure(e) || e is UnauthorizedAccessException)
        {
            DockerContainerizerLog.LogCopyFailed(_logger, container.TaskId, e.Message);
        }
    }

    // Unbuffered: what the container wrote is in the file as soon as it is copied.
    private static FileStream OpenLog(string sandbox, string name) =>
        new(Path.Combine(sandbox, name), FileMode.Create, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0, FileOptions.Asynchronous);
}
