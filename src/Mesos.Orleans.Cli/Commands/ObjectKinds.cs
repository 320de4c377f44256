namespace Mesos.Orleans.Cli.Commands;

/// <summary>The kinds of objects the CLI reads, with kubectl's habit of taking singular and plural names.</summary>
internal static class ObjectKinds
{
    public const string Apps = "apps", Tasks = "tasks", Agents = "agents", Frameworks = "frameworks";

    public static readonly string[] Names = ["apps", "app", "tasks", "task", "agents", "agent", "frameworks", "framework"];

    /// <summary>The plural name of a kind, or null when it is not one.</summary>
    public static string? Normalize(string kind) => kind.ToLowerInvariant() switch
    {
        "app" or "apps" => Apps,
        "task" or "tasks" => Tasks,
        "agent" or "agents" => Agents,
        "framework" or "frameworks" => Frameworks,
        _ => null,
    };
}
