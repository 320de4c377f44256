using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>An app instance and its task, as <c>get tasks</c> shows it.</summary>
public sealed record InstanceSnapshot
{
    /// <summary>The state an instance has before its task is launched.</summary>
    public const string ScheduledState = "SCHEDULED";

    /// <summary>The instance.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The task that runs it.</summary>
    public required string TaskId { get; init; }

    /// <summary>Its app.</summary>
    public required AppId App { get; init; }

    /// <summary>The generation of the config it runs.</summary>
    public required long ConfigGeneration { get; init; }

    /// <summary>Its task's state (<c>TASK_RUNNING</c>…), or <see cref="ScheduledState"/> while it waits for an offer.</summary>
    public required string State { get; init; }

    /// <summary>The agent it runs on.</summary>
    public string? AgentId { get; init; }

    /// <summary>The host it runs on.</summary>
    public string? Hostname { get; init; }

    /// <summary>Its host ports ($PORT0…).</summary>
    public IReadOnlyList<long> Ports { get; init; } = [];

    /// <summary>When the instance was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When its task was launched.</summary>
    public DateTimeOffset? StagedAt { get; init; }

    /// <summary>When its task started running.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>Its health, when it has health checks.</summary>
    public bool? Healthy { get; init; }

    /// <summary>Its readiness, when it has readiness checks.</summary>
    public bool? Ready { get; init; }

    /// <summary>The result of the check that last changed its health or readiness.</summary>
    public string? LastCheck { get; init; }

    /// <summary>True once the app asked for it to be killed.</summary>
    public bool StopRequested { get; init; }

    /// <summary>The last status message.</summary>
    public string? Message { get; init; }

    /// <summary>Its exit code, once ended.</summary>
    public int? ExitCode { get; init; }
}
