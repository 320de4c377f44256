using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Marathon's <c>/v2/apps</c>, <c>/v2/tasks</c> and <c>/v2/deployments</c>, with Marathon's paths, bodies, status
/// codes and errors. Reads come from the read model; writes go to the same app grains as the declarative API, so an
/// app is one app whichever API made it (its Marathon id is its manifest name with a leading slash).
/// </summary>
internal static class MarathonAppsApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, MarathonAppWrites writes)
    {
        api.MapGet("/v2/apps", (HttpRequest request) => List(plane, request));
        api.MapPost("/v2/apps", writes.CreateAsync);
        api.MapGet("/v2/apps/{**path}", (string path, HttpRequest request) =>
            !MarathonRoutes.TryParse(path, out var id, out var sub, out var error) ? error!
            : plane.View.App(id) is not { } app ? MarathonRoutes.NoSuchApp(id.Path)
            : sub is null ? Ok(new MarathonAppEnvelope(Show(plane, app, request, MarathonEmbeds.ShowDefault)))
            : sub == "tasks" ? Ok(new MarathonTaskList(MarathonViews.Tasks(plane.View.InstancesOf(id), app)))
            : MarathonRoutes.NoSuchEndpoint(request));
        api.MapPut("/v2/apps/{**path}", (string path, HttpRequest request) => writes.UpdateAsync(path, request, allowCreation: true));
        api.MapPatch("/v2/apps/{**path}", (string path, HttpRequest request) => writes.UpdateAsync(path, request, allowCreation: false));
        api.MapDelete("/v2/apps/{**path}", writes.DeleteAsync);
        api.MapGet("/v2/tasks", (HttpRequest request) => Tasks(plane, request));
        api.MapGet("/v2/deployments", () => Deployments(plane, writes.Stops));
    }

    /// <summary>A Marathon object as JSON, in Marathon's conventions.</summary>
    public static IResult Ok<T>(T value, int status = StatusCodes.Status200OK) => Results.Json(value, MarathonJson.Options, statusCode: status);

    // GET /v2/apps: filtered by id (a substring, any case), cmd (likewise) and label (a selector), as Marathon does.
    private static IResult List(ControlPlane plane, HttpRequest request)
    {
        var query = request.Query;
        if (!LabelSelector.TryParse(query["label"].ToString(), out var selector, out var selectorError))
        {
            return ApiResults.BadRequest($"invalid label selector: {selectorError}");
        }

        var id = query["id"].ToString();
        var cmd = query["cmd"].ToString();
        var embed = MarathonEmbeds.Parse(query["embed"], MarathonEmbeds.ListDefault);
        var apps = plane.View.Apps
            .Where(a => id.Length == 0 || a.Id.Path.Contains(id, StringComparison.OrdinalIgnoreCase))
            .Where(a => cmd.Length == 0 || (a.Definition.Spec.Cmd?.Contains(cmd, StringComparison.OrdinalIgnoreCase) ?? false))
            .Where(a => selector.Matches(a.Definition.Spec.Labels ?? new Dictionary<string, string>()))
            .Select(a => MarathonViews.App(a, plane.View.InstancesOf(a.Id).ToList(), embed))
            .ToList();
        return Ok(new MarathonAppList(apps));
    }

    private static MarathonApp Show(ControlPlane plane, AppSnapshot app, HttpRequest request, MarathonEmbed always) =>
        MarathonViews.App(app, plane.View.InstancesOf(app.Id).ToList(), MarathonEmbeds.Parse(request.Query["embed"], always));

    // GET /v2/tasks[?status=running|staging]: Marathon knows those two filters; any other value filters nothing.
    private static IResult Tasks(ControlPlane plane, HttpRequest request)
    {
        var states = request.Query["status"].Concat(request.Query["status[]"])
            .Select(s => s?.ToUpperInvariant() switch
            {
                "RUNNING" => TaskStateNames.Running,
                "STAGING" => TaskStateNames.Staging,
                _ => null,
            })
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var tasks = plane.View.Apps
            .SelectMany(app => plane.View.InstancesOf(app.Id)
                .Where(i => states.Count == 0 || states.Contains(i.State))
                .Select(i => (Instance: i, App: app)))
            .Where(t => t.Instance.State != InstanceSnapshot.ScheduledState)
            .Select(t => MarathonViews.Task(t.Instance, t.App))
            .ToList();
        return Ok(new MarathonTaskList(tasks));
    }

    // GET /v2/deployments: each app's deployment under way, and the deletes /v2 started while instances remain.
    private static IResult Deployments(ControlPlane plane, StopDeployments stops)
    {
        var deployments = plane.View.Apps.Select(MarathonViews.Deployment).OfType<MarathonDeployment>()
            .Concat(stops.All
                .Where(s => plane.View.App(s.App) is null && plane.View.InstancesOf(s.App).Any())
                .Select(s => MarathonViews.Deployment(s.Id, s.Version, s.App, MarathonDeploymentAction.Stop)))
            .OrderBy(d => d.Version)
            .ToList();
        return Ok(deployments);
    }
}
