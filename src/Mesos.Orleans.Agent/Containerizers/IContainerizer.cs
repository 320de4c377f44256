namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>
/// Starts, watches and stops the containers of tasks on this machine (Mesos' containerizer contract).
/// </summary>
/// <remarks>
/// Recovery comes first: after an agent restart, <see cref="RecoverAsync"/> re-adopts the containers the agent
/// still owns and destroys the ones it does not, before any launch. A container id is the task id.
/// </remarks>
public interface IContainerizer
{
    /// <summary>The name used in <c>--containerizers</c> and by apps: <c>process</c>, <c>docker</c>.</summary>
    string Kind { get; }

    /// <summary>
    /// Re-adopts the containers in <paramref name="owned"/> that still run, reports the ones that ended while
    /// nobody watched, and destroys any container of this containerizer that is not in the list.
    /// </summary>
    Task<IReadOnlyList<RecoveredContainer>> RecoverAsync(IReadOnlyList<ContainerRecord> owned, CancellationToken cancellationToken);

    /// <summary>Starts a container. Returns once it runs, with what recovery needs to find it again.</summary>
    /// <exception cref="ContainerLaunchException">The container could not be started.</exception>
    Task<ContainerRecord> LaunchAsync(ContainerLaunch launch, CancellationToken cancellationToken);

    /// <summary>Completes when the container has ended, at once (not by slow polling).</summary>
    Task<ContainerExit> WaitAsync(string containerId, CancellationToken cancellationToken);

    /// <summary>Stops the container: SIGTERM, then SIGKILL once <paramref name="gracePeriod"/> has passed.</summary>
    Task KillAsync(string containerId, TimeSpan gracePeriod, CancellationToken cancellationToken);

    /// <summary>Forgets a container that has ended, releasing what it held (not its sandbox).</summary>
    Task DestroyAsync(string containerId, CancellationToken cancellationToken);
}
