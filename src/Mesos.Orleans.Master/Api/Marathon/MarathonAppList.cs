namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The answer of <c>GET /v2/apps</c>: <c>{"apps": […]}</c>.</summary>
internal sealed record MarathonAppList(IReadOnlyList<MarathonApp> Apps);
