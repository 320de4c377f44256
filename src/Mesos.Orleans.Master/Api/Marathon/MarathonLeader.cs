namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The answer of <c>GET /v2/leader</c>: <c>{"leader": "host:port"}</c>.</summary>
internal sealed record MarathonLeader(string Leader);
