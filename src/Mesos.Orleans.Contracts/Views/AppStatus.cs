using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>
/// An app's status: the generation the loop last acted on, its instance counts, its conditions (Available,
/// Progressing, Degraded), and the details behind them (backoff, last failure, why instances wait).
/// </summary>
public sealed record AppStatus
{
    /// <summary>The generation the reconciliation loop has acted on.</summary>
    public long ObservedGeneration { get; init; }

    /// <summary>The instances, counted.</summary>
    public InstanceCounts Instances { get; init; } = new(0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>Instances of the current config that serve (running, healthy and ready where checked).</summary>
    public int UpToDate { get; init; }

    /// <summary>Available, Progressing, Degraded.</summary>
    public IReadOnlyList<Condition> Conditions { get; init; } = [];

    /// <summary>The deployment under way or last finished.</summary>
    public DeploymentStatus? Deployment { get; init; }

    /// <summary>The crash-loop backoff, when one is running.</summary>
    public BackoffStatus? Backoff { get; init; }

    /// <summary>The last time an instance ended without being asked to.</summary>
    public FailureInfo? LastFailure { get; init; }

    /// <summary>Why instances wait for a place, when some do.</summary>
    public string? PendingReason { get; init; }
}

/// <summary>A Kubernetes-style condition.</summary>
public sealed record Condition(string Type, string Status, string Reason, string Message, DateTimeOffset LastTransitionTime)
{
    /// <summary>The condition types an app reports.</summary>
    public const string Available = "Available", Progressing = "Progressing", Degraded = "Degraded";
}

/// <summary>
/// A change of the app being rolled out: from which generation to which, its steps (Marathon's actions), where it
/// stands, and why it does not move when it does not.
/// </summary>
public sealed record DeploymentStatus(string Id, long Generation, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, string Phase, string Message)
{
    /// <summary>The phases a deployment goes through.</summary>
    public const string Progressing = "Progressing", Complete = "Complete", Failed = "Failed", RolledBack = "RolledBack",
        Cancelled = "Cancelled", Superseded = "Superseded";

    /// <summary>The generation the app was at before (0 for a new app).</summary>
    public long FromGeneration { get; init; }

    /// <summary>Create, Scale, Upgrade, Restart, Rollback or Delete.</summary>
    public string Kind { get; init; } = "Upgrade";

    /// <summary>Marathon's step actions, in order: StartApplication, ScaleApplication, RestartApplication, StopApplication.</summary>
    public IReadOnlyList<string> Steps { get; init; } = [];

    /// <summary>The step under way (1-based); Steps.Count once done.</summary>
    public int CurrentStep { get; init; } = 1;

    /// <summary>When the deployment is given up, if the app set a timeout.</summary>
    public DateTimeOffset? DeadlineAt { get; init; }

    /// <summary>Why the deployment does not progress, when it does not.</summary>
    public string? Stalled { get; init; }

    /// <summary>True until it completed, failed, or was rolled back, cancelled or superseded.</summary>
    public bool InProgress => FinishedAt is null;
}

/// <summary>The launch delay after failures.</summary>
public sealed record BackoffStatus(int Failures, double DelaySeconds, DateTimeOffset Until);

/// <summary>How an instance ended unasked.</summary>
public sealed record FailureInfo(
    string InstanceId,
    string TaskId,
    string State,
    int? ExitCode,
    string? Message,
    DateTimeOffset At,
    string? StderrTail);
