namespace Mesos.Orleans.Contracts.Agents;

/// <summary>Which output of a task.</summary>
public enum TaskLogStream
{
    Stdout,
    Stderr,
}

/// <summary>
/// A task's own output, as its agent keeps it in the task's sandbox (a Docker task's is copied there from the
/// engine while it runs). In <c>up</c> the master reads its local agent's directly.
/// </summary>
public interface ITaskLogs
{
    /// <summary>
    /// Opens the task's <paramref name="stream"/> for reading from its beginning, shared with the writer so it can be
    /// followed; null when this agent has no sandbox for the task. A malformed task id is an <see cref="ArgumentException"/>.
    /// </summary>
    Stream? OpenLog(string taskId, TaskLogStream stream);
}
