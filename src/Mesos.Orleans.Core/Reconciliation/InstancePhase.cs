namespace Mesos.Orleans.Core.Reconciliation;

/// <summary>Where an app instance is in its life, as the planner sees it.</summary>
public enum InstancePhase
{
    /// <summary>Created, waiting for an offer that holds it.</summary>
    Scheduled,

    /// <summary>Placed on an agent and launching (TASK_STAGING).</summary>
    Staging,

    /// <summary>The agent is starting it (TASK_STARTING).</summary>
    Starting,

    /// <summary>Running (TASK_RUNNING).</summary>
    Running,

    /// <summary>A kill is under way (TASK_KILLING).</summary>
    Killing,

    /// <summary>Its agent stopped answering (TASK_UNREACHABLE).</summary>
    Unreachable,

    /// <summary>Ended (a terminal task state).</summary>
    Terminal,
}
