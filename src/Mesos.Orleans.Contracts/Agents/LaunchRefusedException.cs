namespace Mesos.Orleans.Contracts.Agents;

/// <summary>
/// An agent did not take a launch: it is registering, and the report of its tasks it sent the master cannot name
/// tasks that arrive now — the master would find them unknown and declare them lost while they ran. Over HTTP it is a
/// 409; the master drops the tasks and their instances launch again.
/// </summary>
public sealed class LaunchRefusedException(string message) : Exception(message);
