namespace Mesos.Orleans.Docker.Containers;

/// <summary>What a wait for a container waits for (the <c>condition</c> parameter).</summary>
public enum WaitCondition
{
    /// <summary>Until the container is not running (returns at once for a created or exited one).</summary>
    NotRunning,

    /// <summary>Until the container's next exit.</summary>
    NextExit,

    /// <summary>Until the container is removed.</summary>
    Removed,
}
