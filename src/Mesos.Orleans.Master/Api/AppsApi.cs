using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Master.Api.Events;
using Mesos.Orleans.Master.Api.Watch;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// The declarative API of apps, <c>/apis/v1/apps</c>. App names are paths (<c>team/web</c>), so the routes take
/// the rest of the URL and read a trailing sub-resource (<c>/tasks</c>, <c>/events</c>, <c>/scale</c>) themselves;
/// app ids may not end with those words. <c>watch=true</c> turns a GET into a Kubernetes watch (<see cref="Watch.AppWatch"/>).
/// </summary>
internal static class AppsApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, MarathonEventBus events, ITaskLogsFactory? logs)
    {
        api.MapPost("/apis/v1/apply", (HttpRequest request) =>
            ManifestApply.HandleAsync(request, plane.Runtime, applied => events.PublishApiPost(request, applied.Spec)));
        api.MapGet("/apis/v1/apps", (string? labelSelector, HttpRequest request) =>
        {
            if (!LabelSelector.TryParse(labelSelector, out var selector, out var error))
            {
                return ApiResults.BadRequest($"invalid labelSelector: {error}");
            }

            if (!QueryFlags.TryGet(request, "watch", false, out var watch, out var watchError))
            {
                return watchError!;
            }

            if (watch)
            {
                return new AppWatchResult(plane.View, selector, null);
            }

            var apps = plane.View.Apps.Where(a => selector.Matches(a.Definition.Spec.Labels ?? new Dictionary<string, string>()));
            return ApiResults.Ok(new ItemList<AppResource>(apps.Select(AppResource.From).ToList()));
        });
        api.MapGet("/apis/v1/apps/{**path}", async (string path, HttpRequest request) =>
        {
            if (!Route(path, out var id, out var sub, out var bad))
            {
                return bad!;
            }

            if (!QueryFlags.TryGet(request, "watch", false, out var watch, out var watchError))
            {
                return watchError!;
            }

            return sub switch
            {
                null when watch => new AppWatchResult(plane.View, LabelSelector.Everything, id),
                null => GetApp(plane, id),
                "tasks" => plane.View.App(id) is null ? NoSuchApp(id) : ApiResults.Ok(new ItemList<object>(plane.View.InstancesOf(id).ToList<object>())),
                "events" => plane.View.App(id) is { } app ? ApiResults.Ok(new ItemList<object>(app.Events.ToList<object>())) : NoSuchApp(id),
                "versions" => await VersionsAsync(plane, id),
                "logs" => await TaskLogs.ForAsync(plane, logs, id, request),
                _ => ApiResults.NotFound($"no such resource: {sub}"),
            };
        });
        api.MapPost("/apis/v1/apps/{**path}", async (string path, HttpRequest request) =>
        {
            if (!Route(path, out var id, out var sub, out var bad))
            {
                return bad!;
            }

            var app = plane.Runtime.GetGrain<IAppGrain>(id.Path);
            return sub switch
            {
                "restart" => Applied(id, await app.RestartAsync()),
                "rollback" => await RollbackAsync(id, app, request),
                _ => ApiResults.Error(StatusCodes.Status405MethodNotAllowed, "use POST /apis/v1/apply to create or update apps"),
            };
        });
        api.MapPut("/apis/v1/apps/{**path}", async (string path, HttpRequest request) =>
        {
            if (!Route(path, out var id, out var sub, out var bad))
            {
                return bad!;
            }

            return sub == "scale" ? await ScaleAsync(plane, events, id, request) : ApiResults.Error(StatusCodes.Status405MethodNotAllowed, "use POST /apis/v1/apply to create or update apps");
        });
        api.MapDelete("/apis/v1/apps/{**path}", async (string path, HttpRequest request) =>
        {
            if (!Route(path, out var id, out var sub, out var bad))
            {
                return bad!;
            }

            if (sub == "deployment")
            {
                var force = bool.TryParse(request.Query["force"], out var f) && f;
                return await plane.Runtime.GetGrain<IAppGrain>(id.Path).CancelDeploymentAsync(force) is { } cancelled
                    ? ApiResults.Ok(cancelled)
                    : ApiResults.NotFound($"App '{id.Path}' has no deployment under way");
            }

            if (sub is not null)
            {
                return ApiResults.NotFound($"no such resource: {sub}");
            }

            var before = plane.View.App(id);
            if (!await plane.Runtime.GetGrain<IAppGrain>(id.Path).DeleteAsync())
            {
                return NoSuchApp(id);
            }

            if (before is not null)
            {
                events.PublishApiPost(request, before.Definition.Spec);
            }

            return ApiResults.Ok(new DeleteResponse(AppManifest.AppKind, id.Name, "deleted"));
        });
    }

    private static async Task<IResult> VersionsAsync(ControlPlane plane, AppId id)
    {
        var versions = await plane.Runtime.GetGrain<IAppGrain>(id.Path).GetVersionsAsync();
        return versions.Count == 0
            ? NoSuchApp(id)
            : ApiResults.Ok(new ItemList<AppVersionResource>(versions
                .Select(v => new AppVersionResource(v.Generation, v.ConfigGeneration, v.CreatedAt, v.Definition.Spec with { Id = null }))
                .ToList()));
    }

    private static async Task<IResult> RollbackAsync(AppId id, IAppGrain app, HttpRequest request)
    {
        RollbackRequest? body = null;
        if (request.ContentLength is > 0)
        {
            try
            {
                body = await System.Text.Json.JsonSerializer.DeserializeAsync<RollbackRequest>(request.Body, Json.Options, request.HttpContext.RequestAborted);
            }
            catch (System.Text.Json.JsonException e)
            {
                return ApiResults.BadRequest($"invalid JSON: {e.Message}");
            }
        }

        try
        {
            return Applied(id, await app.RollbackAsync(body?.ToVersion));
        }
        catch (ArgumentException e)
        {
            return ApiResults.Invalid([new FieldError(FieldPath.Of("toVersion"), e.Message)]);
        }
    }

    private static IResult Applied(AppId id, ApplyOutcome? outcome) => outcome is null
        ? NoSuchApp(id)
        : ApiResults.Ok(new ApplyItemResult(AppManifest.AppKind, id.Name, outcome.Result.ToString().ToLowerInvariant(), outcome.Generation, outcome.DeploymentId));

    private static IResult GetApp(ControlPlane plane, AppId id) =>
        plane.View.App(id) is { } app ? ApiResults.Ok(AppResource.From(app)) : NoSuchApp(id);

    private static async Task<IResult> ScaleAsync(ControlPlane plane, MarathonEventBus events, AppId id, HttpRequest request)
    {
        ScaleRequest? scale;
        try
        {
            scale = await System.Text.Json.JsonSerializer.DeserializeAsync<ScaleRequest>(request.Body, Json.Options, request.HttpContext.RequestAborted);
        }
        catch (System.Text.Json.JsonException e)
        {
            return ApiResults.BadRequest($"invalid JSON: {e.Message}");
        }

        if (scale is null || scale.Instances < 0)
        {
            return ApiResults.Invalid([new FieldError(FieldPath.Of("instances"), "must be 0 or more")]);
        }

        var app = await plane.Runtime.GetGrain<IAppGrain>(id.Path).ScaleAsync(scale.Instances);
        if (app is null)
        {
            return NoSuchApp(id);
        }

        events.PublishApiPost(request, app.Definition.Spec);
        return ApiResults.Ok(AppResource.From(app));
    }

    private static bool Route(string path, out AppId id, out string? subresource, out IResult? error)
    {
        subresource = null;
        error = null;
        var trimmed = path.Trim('/');
        var last = trimmed.LastIndexOf('/');
        var tail = last >= 0 ? trimmed[(last + 1)..] : trimmed;
        if (AppId.ReservedLastSegments.Contains(tail) && last > 0)
        {
            subresource = tail;
            trimmed = trimmed[..last];
        }

        if (!AppId.TryParse(trimmed, out id, out var problem))
        {
            error = ApiResults.NotFound($"App '/{trimmed}' does not exist: {problem}");
            return false;
        }

        return true;
    }

    private static IResult NoSuchApp(AppId id) => ApiResults.NotFound($"App '{id.Path}' does not exist");
}
