using Mesos.Orleans.Contracts.Agents;

namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>
/// Everything a containerizer needs to start one task: the task, its sandbox (working directory, where stdout and
/// stderr go), and the full environment to give it.
/// </summary>
public sealed record ContainerLaunch(
    string ContainerId,
    TaskLaunch Task,
    string SandboxDirectory,
    IReadOnlyDictionary<string, string> Environment);
