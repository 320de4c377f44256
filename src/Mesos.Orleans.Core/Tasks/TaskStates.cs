namespace Mesos.Orleans.Core.Tasks;

/// <summary>Rules of the task state machine.</summary>
public static class TaskStates
{
    /// <summary>True for states a task never leaves.</summary>
    public static bool IsTerminal(this TaskState state) => state is
        TaskState.Finished or TaskState.Failed or TaskState.Killed or TaskState.Error
        or TaskState.Lost or TaskState.Dropped or TaskState.Gone or TaskState.GoneByOperator;

    /// <summary>True while the task holds its resources on an agent that answers.</summary>
    public static bool IsActive(this TaskState state) => state is
        TaskState.Staging or TaskState.Starting or TaskState.Running or TaskState.Killing;

    /// <summary>
    /// True when a task in <paramref name="from"/> may move to <paramref name="to"/>. Terminal states are final;
    /// a task never goes back to STAGING; RUNNING never goes back to STARTING. DROPPED (the launch never reached the
    /// agent) is only for a task still STAGING: one its agent reported on did reach it, however its launch call ended.
    /// </summary>
    public static bool CanTransition(TaskState from, TaskState to)
    {
        if (from.IsTerminal())
        {
            return false;
        }

        return to switch
        {
            TaskState.Staging => false,
            TaskState.Starting => from is TaskState.Staging or TaskState.Starting or TaskState.Unknown,
            TaskState.Unknown => false,
            TaskState.Dropped => from is TaskState.Staging,
            _ => true,
        };
    }

    /// <summary>Mesos' name: TASK_RUNNING.</summary>
    public static string WireName(this TaskState state) => WireNames[(int)state];

    /// <summary>The short name shown to people: RUNNING.</summary>
    public static string ShortName(this TaskState state) => WireName(state)["TASK_".Length..];

    /// <summary>Parses Mesos' name (TASK_RUNNING) or the short one (RUNNING), ignoring case.</summary>
    public static bool TryParse(string text, out TaskState state)
    {
        var wire = text.StartsWith("TASK_", StringComparison.OrdinalIgnoreCase) ? text : "TASK_" + text;
        var index = Array.FindIndex(WireNames, n => n.Equals(wire, StringComparison.OrdinalIgnoreCase));
        state = index < 0 ? default : (TaskState)index;
        return index >= 0;
    }

    private static readonly string[] WireNames = Enum.GetValues<TaskState>()
        .Select(s => typeof(TaskState).GetField(s.ToString())!
            .GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
            .Cast<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>().Single().Name)
        .ToArray();
}
