namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>The answer of <c>GET /v2/apps/{id}</c>: <c>{"app": {…}}</c>.</summary>
internal sealed record MarathonAppEnvelope(MarathonApp App);
