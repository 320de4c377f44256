namespace Mesos.Orleans.Contracts.Agents;

/// <summary>Which output of a task.</summary>
public enum TaskLogStream
{
    Stdout,
    Stderr,
}

/// <summary>
/// A task's own output, as its agent keeps it in the task's sandbox (a Docker task's is copied there from the
/// engine while it runs). The agent reads its files; the master reads them through the agent's endpoint.
/// </summary>
public interface ITaskLogs
{
    /// <summary>
    /// Opens the task's <paramref name="stream"/> for reading from its beginning: seekable, its length the size when
    /// opened or last read, and a read at the end sees what the task wrote since (so it can be followed); null when
    /// this agent has no sandbox for the task. A malformed task id is an <see cref="ArgumentException"/>.
    /// </summary>
    Task<Stream?> OpenLogAsync(string taskId, TaskLogStream stream, CancellationToken cancellationToken);
}

/// <summary>Where the master reads tasks' logs: the agent's, by its id and the endpoint it registered with.</summary>
public interface ITaskLogsFactory
{
    /// <summary>The logs of agent <paramref name="agentId"/> at <paramref name="endpoint"/>; a bad endpoint is an <see cref="ArgumentException"/>.</summary>
    ITaskLogs Open(string agentId, string endpoint);
}
