namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// The wire names of the task states the Marathon side tests for, as constants so that they can be matched (they are
/// <see cref="Core.Tasks.TaskState"/>'s <c>JsonStringEnumMemberName</c>s).
/// </summary>
internal static class TaskStateNames
{
    /// <summary>Launched, not yet running.</summary>
    public const string Staging = "TASK_STAGING";

    /// <summary>Starting.</summary>
    public const string Starting = "TASK_STARTING";

    /// <summary>Running.</summary>
    public const string Running = "TASK_RUNNING";

    /// <summary>Lost (final here: the instance is replaced).</summary>
    public const string Lost = "TASK_LOST";

    /// <summary>Gone by an operator's word.</summary>
    public const string GoneByOperator = "TASK_GONE_BY_OPERATOR";
}
