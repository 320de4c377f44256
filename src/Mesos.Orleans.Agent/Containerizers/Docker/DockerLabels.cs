using System.Text;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>
/// How the agent marks its Docker containers: labels naming the task, agent, framework and app, and a name made of
/// the agent's id and the task's, so that a restarted agent finds its own containers and no others.
/// </summary>
public static class DockerLabels
{
    /// <summary>The task the container runs.</summary>
    public const string TaskId = "mesos-orleans.task-id";

    /// <summary>The agent that owns the container.</summary>
    public const string AgentId = "mesos-orleans.agent-id";

    /// <summary>The framework that launched the task.</summary>
    public const string FrameworkId = "mesos-orleans.framework-id";

    /// <summary>The app of the task, for tasks of apps.</summary>
    public const string AppId = "mesos-orleans.app-id";

    /// <summary>The prefix of every container name the agent gives.</summary>
    public const string NamePrefix = "mesos-orleans.";

    /// <summary>
    /// <c>mesos-orleans.&lt;agent&gt;.&lt;task&gt;</c>, every character Docker does not allow in a name
    /// (<c>[a-zA-Z0-9][a-zA-Z0-9_.-]*</c>) turned into <c>_</c>.
    /// </summary>
    public static string ContainerName(string agentId, string taskId)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentId);
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        var name = new StringBuilder(NamePrefix.Length + agentId.Length + taskId.Length + 1).Append(NamePrefix);
        foreach (var c in agentId + "." + taskId)
        {
            name.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' ? c : '_');
        }

        return name.ToString();
    }
}
