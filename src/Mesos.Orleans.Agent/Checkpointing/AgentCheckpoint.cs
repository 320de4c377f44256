using System.Text.Json;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Agent.Checkpointing;

/// <summary>
/// The agent's files: its id, one checkpoint per task, and the tasks' sandboxes. Every write goes to a temporary
/// file renamed over the old one, so a crash leaves either the old or the new checkpoint, never half of one.
/// </summary>
/// <remarks>Layout: <c>agent.json</c>, <c>tasks/&lt;task&gt;.json</c>, <c>sandboxes/&lt;task&gt;/</c>, <c>containers/</c>.</remarks>
public sealed class AgentCheckpoint
{
    private readonly string _root;

    /// <summary>Opens (and creates) the layout under <paramref name="workDirectory"/>.</summary>
    public AgentCheckpoint(string workDirectory)
    {
        _root = Path.GetFullPath(workDirectory);
        Directory.CreateDirectory(TasksDirectory);
        Directory.CreateDirectory(SandboxesDirectory);
        Directory.CreateDirectory(ContainersDirectory);
    }

    /// <summary>Where containerizers keep their own metadata.</summary>
    public string ContainersDirectory => Path.Combine(_root, "containers");

    private string TasksDirectory => Path.Combine(_root, "tasks");

    private string SandboxesDirectory => Path.Combine(_root, "sandboxes");

    /// <summary>The id the master gave this agent, or null before its first registration.</summary>
    public string? ReadAgentId() =>
        File.Exists(AgentFile) ? JsonSerializer.Deserialize<AgentIdentity>(File.ReadAllBytes(AgentFile), Json.Options)?.AgentId : null;

    /// <summary>Remembers the agent's id.</summary>
    public void WriteAgentId(string agentId) => WriteAtomically(AgentFile, Json.ToBytes(new AgentIdentity(agentId)));

    /// <summary>The sandbox of a task (its working directory and logs).</summary>
    public string SandboxOf(string taskId) => Path.Combine(SandboxesDirectory, SafeName(taskId));

    /// <summary>Every task checkpoint.</summary>
    public IReadOnlyList<TaskCheckpoint> ReadTasks() =>
        Directory.EnumerateFiles(TasksDirectory, "*.json")
            .Select(f => JsonSerializer.Deserialize<TaskCheckpoint>(File.ReadAllBytes(f), Json.Options)!)
            .ToList();

    /// <summary>Writes a task's checkpoint.</summary>
    public void Write(TaskCheckpoint task) => WriteAtomically(TaskFile(task.Launch.TaskId), Json.ToBytes(task));

    /// <summary>Forgets a task: its checkpoint and its sandbox.</summary>
    public void Remove(string taskId)
    {
        File.Delete(TaskFile(taskId));
        var sandbox = SandboxOf(taskId);
        if (Directory.Exists(sandbox))
        {
            Directory.Delete(sandbox, recursive: true);
        }
    }

    private string AgentFile => Path.Combine(_root, "agent.json");

    private string TaskFile(string taskId) => Path.Combine(TasksDirectory, SafeName(taskId) + ".json");

    // Task ids come from the master; never let one name a path outside the agent's directories.
    private static string SafeName(string taskId) =>
        taskId.Length > 0 && taskId.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-') && taskId is not "." and not ".."
            ? taskId
            : throw new ArgumentException($"'{taskId}' is not a valid task id", nameof(taskId));

    private static void WriteAtomically(string path, byte[] content)
    {
        var temporary = path + ".tmp";
        File.WriteAllBytes(temporary, content);
        File.Move(temporary, path, overwrite: true);
    }

    private sealed record AgentIdentity(string AgentId);
}
