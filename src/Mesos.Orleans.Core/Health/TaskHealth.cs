namespace Mesos.Orleans.Core.Health;

/// <summary>A task's health from all its checks: healthy when every check is; unknown until every check has said.</summary>
public static class TaskHealth
{
    /// <summary>True, false, or null while some check has not yet counted.</summary>
    public static bool? Of(IEnumerable<CheckState> checks)
    {
        var states = checks.ToList();
        if (states.Count == 0)
        {
            return null;
        }

        if (states.Any(s => s.Healthy == false))
        {
            return false;
        }

        return states.All(s => s.Healthy == true) ? true : null;
    }
}
