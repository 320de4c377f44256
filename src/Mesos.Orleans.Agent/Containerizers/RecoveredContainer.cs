namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>The outcome of recovering one owned container: still running (re-adopted), or ended with <see cref="Exit"/>.</summary>
public sealed record RecoveredContainer(ContainerRecord Record, ContainerExit? Exit)
{
    /// <summary>True when the container still runs and is watched again.</summary>
    public bool Running => Exit is null;
}
