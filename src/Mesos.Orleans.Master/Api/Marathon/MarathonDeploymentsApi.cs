using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Marathon's <c>/v2/deployments</c>: the deployments under way, and <c>DELETE /v2/deployments/{id}</c>, which rolls
/// one back (a new deployment to where it started) or, with <c>force=true</c>, stops it where it is.
/// </summary>
internal static class MarathonDeploymentsApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, StopDeployments stops)
    {
        api.MapGet("/v2/deployments", () => List(plane, stops));
        api.MapDelete("/v2/deployments/{id}", (string id, HttpRequest request) => CancelAsync(plane, stops, id, request));
    }

    // GET /v2/deployments: each app's deployment under way, and the deletes /v2 started while instances remain.
    private static IResult List(ControlPlane plane, StopDeployments stops)
    {
        var deployments = plane.View.Apps.Select(MarathonViews.Deployment).OfType<MarathonDeployment>()
            .Concat(stops.All
                .Where(s => plane.View.App(s.App) is null && plane.View.InstancesOf(s.App).Any())
                .Select(s => MarathonViews.Deployment(s.Id, s.Version, s.App, MarathonDeploymentAction.Stop)))
            .OrderBy(d => d.Version)
            .ToList();
        return MarathonAppsApi.Ok(deployments);
    }

    // DELETE /v2/deployments/{id}[?force=true]: 200 with the deployment that rolls back, or 202 when forced.
    private static async Task<IResult> CancelAsync(ControlPlane plane, StopDeployments stops, string id, HttpRequest request)
    {
        if (!ResourceIds.IsWellFormed(id))
        {
            return ResourceIds.Malformed("deployment");
        }

        if (!QueryFlags.TryGet(request, "force", false, out var force, out var flagError))
        {
            return flagError!;
        }

        if (stops.All.FirstOrDefault(s => s.Id == id) is { } stop && plane.View.InstancesOf(stop.App).Any())
        {
            return ApiResults.Error(StatusCodes.Status409Conflict,
                $"Deployment {id} deletes app '{stop.App.Path}': a delete cannot be cancelled here; create the app again instead");
        }

        var app = plane.View.Apps.FirstOrDefault(a => MarathonViews.Deployment(a)?.Id == id);
        if (app is null)
        {
            return NoSuchDeployment(id);
        }

        var grain = plane.Runtime.GetGrain<IAppGrain>(app.Id.Path);
        if (force)
        {
            return await grain.CancelDeploymentAsync(force: true) is { } cancelled && cancelled.Id == id
                ? Results.StatusCode(StatusCodes.Status202Accepted)
                : NoSuchDeployment(id);
        }

        // Rolling back the deployment that created the app deletes it: that is a stop, kept as the deletes of /v2 are.
        var creation = app.Status.Deployment!.FromGeneration == 0 ? stops.Begin(app.Id) : null;
        var rollback = await grain.CancelDeploymentAsync(force: false);
        var deleted = creation is not null && plane.View.App(app.Id) is null; // an app with nothing to kill is gone at once
        if (rollback is null && !deleted)
        {
            if (creation is not null)
            {
                stops.Cancel(creation);
            }

            return NoSuchDeployment(id);
        }

        var (deploymentId, version) = creation is not null ? (creation.Id, creation.Version) : (rollback!.Id, rollback.StartedAt);
        request.HttpContext.Response.Headers[MarathonAppWrites.DeploymentHeader] = deploymentId;
        return MarathonAppsApi.Ok(new MarathonDeploymentResult(deploymentId, version));
    }

    private static IResult NoSuchDeployment(string id) => ApiResults.NotFound($"DeploymentPlan {id} does not exist");
}
