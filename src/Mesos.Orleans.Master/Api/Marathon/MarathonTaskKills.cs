using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Killing tasks as Marathon does: <c>DELETE /v2/apps/{id}/tasks[?host=]</c>, <c>DELETE /v2/apps/{id}/tasks/{taskId}</c>
/// and <c>POST /v2/tasks/delete</c> (<c>{"ids": [...]}</c>). A killed task is replaced, and the answer lists the tasks
/// as they were; with <c>scale=true</c> the app's instances are lowered by as many, as a deployment, and the answer is
/// that deployment (refused with 409 while another is under way, unless <c>force=true</c>). <c>wipe=true</c> kills
/// and forgets the instance, which is what every kill does here (there are no resident tasks to keep).
/// </summary>
internal sealed class MarathonTaskKills(ControlPlane plane)
{
    /// <summary><c>DELETE /v2/apps/{id}/tasks[/{taskId}]</c>.</summary>
    public async Task<IResult> KillOfAppAsync(AppId id, string? taskId, HttpRequest request)
    {
        if (!TryFlags(request, out var scale, out var force, out var flagError))
        {
            return flagError!;
        }

        if (taskId is not null && !ResourceIds.IsWellFormed(taskId))
        {
            return ResourceIds.Malformed("task");
        }

        var app = plane.View.App(id);
        if (app is null)
        {
            return MarathonRoutes.NoSuchApp(id.Path);
        }

        var host = request.Query["host"].ToString();
        var found = Tasks(id)
            .Where(i => taskId is not null ? i.TaskId == taskId : host.Length == 0 || host == "*" || i.Hostname == host)
            .ToList();
        if (scale)
        {
            return await KillAndScaleAsync([(app, found)], force, request);
        }

        if (taskId is not null && found.Count == 0)
        {
            return MarathonRoutes.NoSuchTask(taskId);
        }

        await plane.Runtime.GetGrain<IAppGrain>(id.Path).KillTasksAsync(found.Select(i => i.TaskId).ToList(), scale: false);
        var killed = found.Select(i => MarathonViews.Task(i, app)).ToList();
        return taskId is not null ? MarathonAppsApi.Ok(new MarathonTaskSingle(killed[0])) : MarathonAppsApi.Ok(new MarathonTaskList(killed));
    }

    /// <summary><c>POST /v2/tasks/delete</c>: kills the listed tasks of any apps; ids of no task are passed over, as in Marathon.</summary>
    public async Task<IResult> KillListedAsync(HttpRequest request)
    {
        if (!TryFlags(request, out var scale, out var force, out var flagError))
        {
            return flagError!;
        }

        var (ids, bodyError) = await ReadIdsAsync(request);
        if (bodyError is not null)
        {
            return bodyError;
        }

        // A task id names its app's safe name (team_web.instance-…): only those apps are searched.
        var bySafeName = plane.View.Apps.ToLookup(a => a.Id.SafeName, StringComparer.Ordinal);
        var wanted = ids!.ToHashSet(StringComparer.Ordinal);
        var byApp = wanted
            .Select(t => t.Split(".instance-", 2)[0])
            .Distinct(StringComparer.Ordinal)
            .SelectMany(name => bySafeName[name])
            .Select(app => (App: app, Tasks: Tasks(app.Id).Where(i => wanted.Contains(i.TaskId)).ToList()))
            .Where(a => a.Tasks.Count > 0)
            .OrderBy(a => a.App.Id.Path, StringComparer.Ordinal)
            .ToList();
        if (scale)
        {
            return byApp.Count == 0
                ? ApiResults.NotFound("None of the tasks exist: there is no app to scale")
                : await KillAndScaleAsync(byApp, force, request);
        }

        foreach (var (app, tasks) in byApp)
        {
            await plane.Runtime.GetGrain<IAppGrain>(app.Id.Path).KillTasksAsync(tasks.Select(i => i.TaskId).ToList(), scale: false);
        }

        return MarathonAppsApi.Ok(new MarathonTaskList(byApp.SelectMany(a => a.Tasks.Select(i => MarathonViews.Task(i, a.App))).ToList()));
    }

    // Each app scales down by its tasks killed, in a deployment of its own; the answer names the first app's.
    private async Task<IResult> KillAndScaleAsync(List<(AppSnapshot App, List<InstanceSnapshot> Tasks)> byApp, bool force, HttpRequest request)
    {
        if (!force && byApp.Select(a => MarathonAppWrites.Locked(a.App)).FirstOrDefault(l => l is not null) is { } locked)
        {
            return locked;
        }

        MarathonDeploymentResult? first = null;
        foreach (var (app, tasks) in byApp)
        {
            var grain = plane.Runtime.GetGrain<IAppGrain>(app.Id.Path);
            await grain.KillTasksAsync(tasks.Select(i => i.TaskId).ToList(), scale: true);
            if (first is null && await grain.GetAsync() is { Status.Deployment: { } deployment } scaled)
            {
                first = new MarathonDeploymentResult(deployment.Id, scaled.UpdatedAt);
            }
        }

        if (first is null)
        {
            return MarathonRoutes.NoSuchApp(byApp[0].App.Id.Path); // deleted meanwhile
        }

        request.HttpContext.Response.Headers[MarathonAppWrites.DeploymentHeader] = first.DeploymentId;
        return MarathonAppsApi.Ok(first);
    }

    // An app's instances that have a task (one waiting for an offer has none yet), as GET …/tasks lists them.
    private IEnumerable<InstanceSnapshot> Tasks(AppId app) =>
        plane.View.InstancesOf(app).Where(i => i.State != InstanceSnapshot.ScheduledState);

    private static bool TryFlags(HttpRequest request, out bool scale, out bool force, out IResult? error)
    {
        force = false;
        if (!QueryFlags.TryGet(request, "scale", false, out scale, out error)
            || !QueryFlags.TryGet(request, "wipe", false, out var wipe, out error)
            || !QueryFlags.TryGet(request, "force", false, out force, out error))
        {
            return false;
        }

        if (scale && wipe)
        {
            error = ApiResults.BadRequest("You cannot use scale and wipe at the same time.");
            return false;
        }

        return true;
    }

    // The body {"ids": ["…", …]}, checked as Marathon does: 400 when it is not JSON; 422 when "ids" is not an array of
    // strings; 400 when an id cannot be a task's. Each problem comes with its place.
    private static async Task<(IReadOnlyList<string>? Ids, IResult? Error)> ReadIdsAsync(HttpRequest request)
    {
        var (node, parseError) = await MarathonAppBody.ReadAsync(request);
        if (parseError is not null)
        {
            return (null, parseError);
        }

        if (node is not JsonObject body || body["ids"] is not JsonArray array)
        {
            return (null, ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "Invalid JSON", [new ApiErrorDetail("/ids", ["must be an array of task ids"])]));
        }

        var ids = new List<string>(array.Count);
        var notStrings = new List<ApiErrorDetail>();
        var malformed = new List<ApiErrorDetail>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonValue value || value.GetValueKind() != JsonValueKind.String)
            {
                notStrings.Add(new ApiErrorDetail($"/ids({i})", ["must be a string"]));
            }
            else if (!ResourceIds.IsWellFormed(value.GetValue<string>()))
            {
                malformed.Add(new ApiErrorDetail($"/ids({i})", ["must be a task id: at most 255 letters, digits, '.', '_' and '-', starting with a letter or digit"]));
            }
            else
            {
                ids.Add(value.GetValue<string>());
            }
        }

        return notStrings.Count > 0 ? (null, ApiResults.Error(StatusCodes.Status422UnprocessableEntity, "Invalid JSON", notStrings))
            : malformed.Count > 0 ? (null, ApiResults.BadRequest("Invalid task id", malformed))
            : (ids, null);
    }
}
