using Mesos.Orleans.Master.Api.Marathon;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>deployment_step_success</c>: a step of a deployment is done.</summary>
internal sealed record DeploymentStepSuccessEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "deployment_step_success";

    /// <summary>The deployment's plan.</summary>
    public required MarathonDeploymentPlan Plan { get; init; }

    /// <summary>The step done.</summary>
    public required MarathonDeploymentStep CurrentStep { get; init; }
}
