using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Marathon's <c>/v2/apps</c> and <c>/v2/tasks</c>, with Marathon's paths, bodies, status
/// codes and errors. Reads come from the read model; writes go to the same app grains as the declarative API, so an
/// app is one app whichever API made it (its Marathon id is its manifest name with a leading slash).
/// </summary>
internal static class MarathonAppsApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, MarathonAppWrites writes, MarathonTaskKills kills)
    {
        api.MapGet("/v2/apps", (HttpRequest request) => List(plane, request));
        api.MapPost("/v2/apps", writes.CreateAsync);
        api.MapGet("/v2/apps/{**path}", (string path, HttpRequest request) => GetAsync(plane, path, request));
        api.MapPut("/v2/apps/{**path}", (string path, HttpRequest request) => writes.UpdateAsync(path, request, allowCreation: true));
        api.MapPatch("/v2/apps/{**path}", (string path, HttpRequest request) => writes.UpdateAsync(path, request, allowCreation: false));
        api.MapPost("/v2/apps/{**path}", (string path, HttpRequest request) =>
            !MarathonRoutes.TryParse(path, out var id, out var sub, out var error) ? Task.FromResult(error!)
            : sub == "restart" ? writes.RestartAsync(id, request)
            : Task.FromResult(MarathonRoutes.NoSuchEndpoint(request)));
        api.MapDelete("/v2/apps/{**path}", (string path, HttpRequest request) =>
            !MarathonRoutes.TryParse(path, id => plane.View.App(id) is not null, out var id, out var sub, out var item, out var error) ? Task.FromResult(error!)
            : sub is null ? writes.DeleteAsync(id, request)
            : sub == "tasks" ? kills.KillOfAppAsync(id, item, request)
            : Task.FromResult(MarathonRoutes.NoSuchEndpoint(request)));
        api.MapGet("/v2/tasks", (HttpRequest request) => Tasks(plane, request));
        api.MapPost("/v2/tasks/delete", kills.KillListedAsync);
    }

    // GET /v2/apps/{id}[/tasks|/versions[/{version}]].
    private static async Task<IResult> GetAsync(ControlPlane plane, string path, HttpRequest request)
    {
        if (!MarathonRoutes.TryParse(path, id => plane.View.App(id) is not null, out var id, out var sub, out var item, out var error))
        {
            return error!;
        }

        if (plane.View.App(id) is not { } app)
        {
            return MarathonRoutes.NoSuchApp(id.Path);
        }

        return (sub, item) switch
        {
            (null, _) => Ok(new MarathonAppEnvelope(Show(plane, app, request, MarathonEmbeds.ShowDefault))),
            ("tasks", null) => Ok(new MarathonTaskList(MarathonViews.Tasks(plane.View.InstancesOf(id), app))),
            ("versions", _) => await MarathonAppVersions.GetAsync(plane, id, item),
            _ => MarathonRoutes.NoSuchEndpoint(request),
        };
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
}
