using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>The Docker containerizer's log messages.</summary>
internal static partial class DockerContainerizerLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Pulling image {Image}")]
    public static partial void Pulling(ILogger logger, string image);

    [LoggerMessage(Level = LogLevel.Information, Message = "Launched container {ContainerId} as Docker container {Name} ({DockerId})")]
    public static partial void Launched(ILogger logger, string containerId, string name, string dockerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Container {ContainerId} {ExitMessage}")]
    public static partial void Ended(ILogger logger, string containerId, string exitMessage);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-adopted container {ContainerId} (Docker container {DockerId})")]
    public static partial void Readopted(ILogger logger, string containerId, string dockerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Recovered container {ContainerId}, which {ExitMessage}")]
    public static partial void RecoveredEnded(ILogger logger, string containerId, string exitMessage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Removing Docker container {Name} ({DockerId}), which the agent no longer owns")]
    public static partial void RemovingUnowned(ILogger logger, string name, string dockerId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stopping container {ContainerId} (grace period {GraceSeconds} s)")]
    public static partial void Stopping(ILogger logger, string containerId, double graceSeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Docker engine call for container {ContainerId} failed: {Reason}")]
    public static partial void EngineCallFailed(ILogger logger, string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying the output of container {ContainerId} to its sandbox failed: {Reason}")]
    public static partial void LogCopyFailed(ILogger logger, string containerId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The Docker event stream broke ({Reason}); reconnecting in {DelayMs} ms")]
    public static partial void EventsBroke(ILogger logger, string reason, double delayMs);
}
