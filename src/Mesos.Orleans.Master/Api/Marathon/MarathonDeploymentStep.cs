namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>One step of a deployment: actions done together.</summary>
internal sealed record MarathonDeploymentStep(IReadOnlyList<MarathonDeploymentAction> Actions);
