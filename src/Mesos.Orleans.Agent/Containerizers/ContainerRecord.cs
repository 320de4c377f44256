namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>
/// What the agent checkpoints about a started container so that recovery can find it again; its
/// <see cref="Data"/> belongs to the containerizer that wrote it (a process id and start time, a Docker id).
/// </summary>
public sealed record ContainerRecord(
    string ContainerId,
    string Kind,
    string SandboxDirectory,
    IReadOnlyDictionary<string, string> Data);
