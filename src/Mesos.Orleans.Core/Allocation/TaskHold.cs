using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Allocation;

/// <summary>What one task of a framework holds on its agent: the unit the allocator books and gives back.</summary>
public sealed record TaskHold(string TaskId, string FrameworkId, ResourceSet Resources);
