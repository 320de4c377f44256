namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Marathon's 409 for a change to an app whose deployment is under way.</summary>
internal sealed record MarathonLockedError(string Message, IReadOnlyList<MarathonDeploymentId> Deployments)
{
    /// <summary>Marathon's words.</summary>
    public const string Text = "App is locked by one or more deployments. Override with the option '?force=true'. "
        + "View details at '/v2/deployments/<DEPLOYMENT_ID>'.";
}
