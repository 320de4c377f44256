namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// Ids of an app's instances and their tasks, in Marathon's format: the instance
/// <c>web.instance-&lt;uuid&gt;</c> runs the task <c>web.instance-&lt;uuid&gt;._app.1</c>.
/// </summary>
public static class InstanceIds
{
    /// <summary>A new instance id for the app. Version 7 UUIDs sort by creation time.</summary>
    public static string New(AppId app, Guid uuid) => $"{app.SafeName}.instance-{uuid:D}";

    /// <summary>The id of the task that runs an instance.</summary>
    public static string TaskIdOf(string instanceId) => instanceId + "._app.1";

    /// <summary>The instance a task id belongs to, or the task id itself when it has no incarnation suffix.</summary>
    public static string InstanceIdOf(string taskId)
    {
        var cut = taskId.LastIndexOf("._app.", StringComparison.Ordinal);
        return cut > 0 ? taskId[..cut] : taskId;
    }
}
