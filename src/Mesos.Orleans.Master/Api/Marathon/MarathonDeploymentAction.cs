namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// One action of a deployment step: <c>StartApplication</c>, <c>ScaleApplication</c>, <c>RestartApplication</c> or
/// <c>StopApplication</c>, on one app.
/// </summary>
/// <param name="Action">The action's name.</param>
/// <param name="App">The app's id.</param>
/// <param name="ReadinessCheckResults">For the actions under way: readiness checks (none here), else null.</param>
internal sealed record MarathonDeploymentAction(string Action, string App, IReadOnlyList<object>? ReadinessCheckResults = null)
{
    /// <summary>The action names.</summary>
    public const string Start = "StartApplication", Scale = "ScaleApplication", Restart = "RestartApplication", Stop = "StopApplication";
}
