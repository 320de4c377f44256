namespace Mesos.Orleans.Runtime;

/// <summary>
/// Marks a grain method whose caller does not wait: the call is queued and the returned task completes at once.
/// Use it for notifications that only wake a grain, and so that grains that notify each other never wait in a
/// cycle (turns are not reentrant: two grains awaiting each other would deadlock).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class OneWayAttribute : Attribute;
