using Mesos.Orleans.Master.Api.Marathon;

namespace Mesos.Orleans.Master.Api.Events;

/// <summary><c>deployment_info</c>: a deployment began (its current step).</summary>
internal sealed record DeploymentInfoEvent : MarathonEvent
{
    /// <inheritdoc />
    public override string EventType => "deployment_info";

    /// <summary>The deployment's plan.</summary>
    public required MarathonDeploymentPlan Plan { get; init; }

    /// <summary>The step under way.</summary>
    public required MarathonDeploymentStep CurrentStep { get; init; }
}
