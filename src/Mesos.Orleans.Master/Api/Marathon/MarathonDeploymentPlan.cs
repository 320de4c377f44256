namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>A deployment's plan as the deployment events carry it (Marathon's <c>DeploymentPlan</c>).</summary>
internal sealed record MarathonDeploymentPlan(string Id, IReadOnlyList<MarathonDeploymentStep> Steps, DateTimeOffset Version);
