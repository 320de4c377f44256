namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>A deployment named by its id, <c>{"id": …}</c>.</summary>
internal sealed record MarathonDeploymentId(string Id);
