namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>What an app's JSON embeds, from Marathon's <c>embed</c> query parameters.</summary>
[Flags]
internal enum MarathonEmbed
{
    /// <summary>Nothing beyond the definition and its version.</summary>
    None = 0,

    /// <summary><c>tasksStaged</c>, <c>tasksRunning</c>, <c>tasksHealthy</c>, <c>tasksUnhealthy</c>.</summary>
    Counts = 1,

    /// <summary><c>deployments</c>.</summary>
    Deployments = 2,

    /// <summary><c>tasks</c>.</summary>
    Tasks = 4,

    /// <summary><c>lastTaskFailure</c>.</summary>
    LastTaskFailure = 8,
}
