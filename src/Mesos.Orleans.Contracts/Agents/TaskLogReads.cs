using System.Globalization;

namespace Mesos.Orleans.Contracts.Agents;

/// <summary>
/// How the master reads a task's log from its agent, a chunk at a time as Mesos' <c>/files/read</c> does:
/// <c>GET api/v1/agent/tasks/{taskId}/logs/{stdout|stderr}?offset=N&amp;length=M</c> answers the bytes from
/// <c>offset</c> (at most <c>length</c>, at most <see cref="MaxLength"/>) raw, with the file's size when read in the
/// <see cref="SizeHeader"/> header; 404 when the agent has no sandbox for the task.
/// </summary>
public static class TaskLogReads
{
    /// <summary>The header holding the log's size in bytes.</summary>
    public const string SizeHeader = "Log-Size";

    /// <summary>The most bytes one read answers (a larger length is cut to it).</summary>
    public const int MaxLength = 1024 * 1024;

    /// <summary>The agent's route, relative to its endpoint.</summary>
    public const string Route = "api/v1/agent/tasks/{taskId}/logs/{stream}";

    /// <summary>The name of <paramref name="stream"/> in the route.</summary>
    public static string NameOf(TaskLogStream stream) => stream == TaskLogStream.Stderr ? "stderr" : "stdout";

    /// <summary>The stream a route names, if it names one.</summary>
    public static TaskLogStream? Parse(string? name) => name switch
    {
        "stdout" => TaskLogStream.Stdout,
        "stderr" => TaskLogStream.Stderr,
        _ => null,
    };

    /// <summary>The path, relative to the agent's endpoint, of a read of <paramref name="length"/> bytes from <paramref name="offset"/>.</summary>
    public static string PathOf(string taskId, TaskLogStream stream, long offset, int length) =>
        string.Create(CultureInfo.InvariantCulture, $"api/v1/agent/tasks/{Uri.EscapeDataString(taskId)}/logs/{NameOf(stream)}?offset={offset}&length={length}");
}
