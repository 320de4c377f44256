using Mesos.Orleans.Master.Api.Marathon;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>deployment_success</c>: a deployment is done.</summary>
internal sealed record DeploymentSuccessEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "deployment_success";

    /// <summary>The deployment's id.</summary>
    public required string Id { get; init; }

    /// <summary>Its plan.</summary>
    public required MarathonDeploymentPlan Plan { get; init; }
}
