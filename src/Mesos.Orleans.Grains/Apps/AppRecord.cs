using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Grains.Apps;

/// <summary>The stored state of an app grain, apart from its instances and versions (which are rows of their own).</summary>
internal sealed class AppRecord
{
    public AppDefinition? Definition { get; set; }

    public long Generation { get; set; }

    public long ConfigGeneration { get; set; }

    public string Uid { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? ConfigChangedAt { get; set; }

    public bool Deleting { get; set; }

    public LaunchDelay Delay { get; set; } = LaunchDelay.None;

    public FailureInfo? LastFailure { get; set; }

    public DeploymentStatus? Deployment { get; set; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the latest deployment's span: its steps join that trace, and later work on the
    /// app's own account (a crash, its replacement) is a new trace linked to it.
    /// </summary>
    public string? DeploymentTrace { get; set; }

    /// <summary>Set by a forced cancel: instances of older configs are left as they are until the next change.</summary>
    public bool Paused { get; set; }
}
