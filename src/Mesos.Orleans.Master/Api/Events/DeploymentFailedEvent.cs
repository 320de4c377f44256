using Mesos.Orleans.Master.Api.Marathon;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary>
/// <c>deployment_failed</c>: a deployment ended before it was done — a newer change of its app superseded it (what
/// Marathon's <c>force=true</c> does) or its app was deleted.
/// </summary>
internal sealed record DeploymentFailedEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "deployment_failed";

    /// <summary>The deployment's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its plan.</summary>
    public required MarathonDeploymentPlan Plan { get; init; }

    /// <summary>Why it ended.</summary>
    public string? Reason { get; init; }
}
