namespace Mesos.Orleans.Grains.Hosting;

/// <summary>Helpers for the tasks of one-way grain calls.</summary>
internal static class TaskExtensions
{
    /// <summary>
    /// Marks a one-way call's task as deliberately not awaited. One-way calls complete at once and their failures
    /// are logged by the receiving grain, so there is nothing to observe here.
    /// </summary>
    public static void Ignore(this Task task)
    {
    }
}
