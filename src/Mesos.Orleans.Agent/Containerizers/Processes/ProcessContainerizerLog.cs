using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>The process containerizer's log messages.</summary>
internal static partial class ProcessContainerizerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Launched container {ContainerId} as process group {Pid}")]
    public static partial void Launched(ILogger logger, string containerId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} {ExitMessage}")]
    public static partial void Ended(ILogger logger, string containerId, string exitMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-adopted container {ContainerId} (process group {Pid})")]
    public static partial void Readopted(ILogger logger, string containerId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered container {ContainerId}, which {ExitMessage}")]
    public static partial void RecoveredEnded(ILogger logger, string containerId, string exitMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Destroying container {ContainerId}, which the agent no longer owns (process group {Pid})")]
    public static partial void DestroyingUnowned(ILogger logger, string containerId, int pid);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sending signal {Signal} to container {ContainerId} (process group {Pid})")]
    public static partial void Signalling(ILogger logger, string containerId, int signal, int pid);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Asked to kill unknown container {ContainerId}; nothing to do")]
    public static partial void KillUnknown(ILogger logger, string containerId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not remove the metadata of container {ContainerId}")]
    public static partial void MetadataNotRemoved(ILogger logger, string containerId, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The pidfd watcher stopped: poll failed with errno {Errno}; exits of re-adopted containers will go unnoticed")]
    public static partial void WatcherFailed(ILogger logger, int errno);

    [LoggerMessage(Level = LogLevel.Error, Message = "Handling the exit of a re-adopted container failed")]
    public static partial void ExitCallbackFailed(ILogger logger, Exception exception);
}
