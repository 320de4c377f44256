namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>What a change started: the deployment and the app version it deploys.</summary>
internal sealed record MarathonDeploymentResult(string DeploymentId, DateTimeOffset Version);
