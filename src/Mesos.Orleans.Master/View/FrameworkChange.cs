using Mesos.Orleans.Contracts.Views;

namespace Mesos.Orleans.Master.View;

/// <summary>An framework changed, appeared (<paramref name="Previous"/> null) or went away (<paramref name="Current"/> null).</summary>
/// <param name="Previous">The snapshot before the change.</param>
/// <param name="Current">The snapshot after the change.</param>
public sealed record FrameworkChange(FrameworkSnapshot? Previous, FrameworkSnapshot? Current) : ClusterChange;
