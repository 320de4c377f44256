using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Api.Events;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// The writes of <c>/v2/apps</c>: create (POST), update (PUT, PATCH) and delete, through the app grains. A change to
/// an app whose deployment is under way is refused with Marathon's 409 unless <c>force=true</c>; with it, the new
/// deployment supersedes the old one.
/// </summary>
internal sealed class MarathonAppWrites(ControlPlane plane, MarathonEventBus bus, StopDeployments stops)
{
    /// <summary>Marathon's header naming the deployment a change started.</summary>
    public const string DeploymentHeader = "Marathon-Deployment-Id";

    /// <summary>The deletes under way.</summary>
    public StopDeployments Stops => stops;

    /// <summary><c>POST /v2/apps</c>: 201 with the app and its deployment; 409 when the app exists.</summary>
    public async Task<IResult> CreateAsync(HttpRequest request)
    {
        var (node, parseError) = await MarathonAppBody.ReadAsync(request);
        if (parseError is not null)
        {
            return parseError;
        }

        var (definition, invalid) = MarathonAppBody.Decode(node);
        if (invalid is not null)
        {
            return invalid;
        }

        var grain = plane.Runtime.GetGrain<IAppGrain>(definition!.Id.Path);
        if (await grain.GetAsync() is not null)
        {
            return ApiResults.Error(StatusCodes.Status409Conflict, $"An app with id [{definition.Id.Path}] already exists.");
        }

        var outcome = await grain.ApplyAsync(definition);
        var app = await grain.GetAsync();
        var deploymentId = outcome.DeploymentId ?? app?.Status.Deployment?.Id ?? "";
        PostEvent(request, definition.Spec);
        var body = new MarathonApp
        {
            Definition = MarathonViews.Definition(definition.Spec),
            Version = app?.UpdatedAt ?? bus.Time.GetUtcNow(),
            VersionInfo = app is null ? new(bus.Time.GetUtcNow(), bus.Time.GetUtcNow()) : new(app.UpdatedAt, MarathonViews.ConfigVersion(app)),
            TasksStaged = 0,
            TasksRunning = 0,
            TasksHealthy = 0,
            TasksUnhealthy = 0,
            Deployments = [new MarathonDeploymentId(deploymentId)],
        };
        request.HttpContext.Response.Headers[DeploymentHeader] = deploymentId;
        request.HttpContext.Response.Headers.Location = "/v2/apps" + definition.Id.Path;
        return MarathonAppsApi.Ok(body, StatusCodes.Status201Created);
    }

    /// <summary>
    /// <c>PUT</c> (<paramref name="allowCreation"/>) and <c>PATCH /v2/apps/{id}</c>: a partial update unless
    /// <c>partialUpdate=false</c> (PATCH always); 200 with the deployment, or 201 when the PUT created the app.
    /// </summary>
    public async Task<IResult> UpdateAsync(string path, HttpRequest request, bool allowCreation)
    {
        if (!MarathonRoutes.TryParse(path, out var id, out var sub, out var routeError))
        {
            return routeError!;
        }

        if (sub is not null)
        {
            return MarathonRoutes.NoSuchEndpoint(request);
        }

        if (!QueryFlags.TryGet(request, "force", false, out var force, out var flagError)
            || !QueryFlags.TryGet(request, "partialUpdate", true, out var partial, out flagError))
        {
            return flagError!;
        }

        var (node, parseError) = await MarathonAppBody.ReadAsync(request);
        if (parseError is not null)
        {
            return parseError;
        }

        var grain = plane.Runtime.GetGrain<IAppGrain>(id.Path);
        var existing = await grain.GetAsync();
        if (existing is null && !allowCreation)
        {
            return MarathonRoutes.NoSuchApp(id.Path);
        }

        if (!force && Locked(existing) is { } locked)
        {
            return locked;
        }

        var update = existing is not null && (partial || !allowCreation) ? MarathonAppBody.Merge(existing.Definition.Spec, node) : node;
        var (definition, invalid) = MarathonAppBody.Decode(MarathonAppBody.WithId(update, id));
        if (invalid is not null)
        {
            return invalid;
        }

        // Annotations belong to the declarative API; a Marathon client does not know them and keeps them.
        definition = definition! with { Annotations = existing?.Definition.Annotations ?? definition.Annotations };
        var outcome = await grain.ApplyAsync(definition);
        var app = await grain.GetAsync();
        PostEvent(request, definition.Spec);
        var created = outcome.Result == ApplyResult.Created;
        if (created)
        {
            request.HttpContext.Response.Headers.Location = "/v2/apps" + id.Path;
        }

        return Deployed(request, outcome.DeploymentId ?? app?.Status.Deployment?.Id ?? "", app?.UpdatedAt ?? bus.Time.GetUtcNow(),
            created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>DELETE /v2/apps/{id}</c>: 200 with the deployment that stops the app. As in Marathon, <c>force</c>
    /// defaults to true here: a delete overrides a deployment under way.
    /// </summary>
    public async Task<IResult> DeleteAsync(AppId id, HttpRequest request)
    {
        var action = await BeginForcibleAsync(id, request, forceByDefault: true);
        if (action.Refusal is { } refusal)
        {
            return refusal;
        }

        var (grain, existing) = (action.Grain!, action.App!);

        // Recorded before the delete is sent: the app leaves the read model during the call, and the event stream
        // looks the stop up when it sees that.
        var stop = stops.Begin(id);
        if (!await grain.DeleteAsync())
        {
            stops.Cancel(stop);
            return MarathonRoutes.NoSuchApp(id.Path);
        }

        PostEvent(request, existing.Definition.Spec);
        return Deployed(request, stop.Id, stop.Version, StatusCodes.Status200OK);
    }

    /// <summary>
    /// <c>POST /v2/apps/{id}/restart</c>: replaces every instance, rolling, as a deployment (200 with it); 409 while
    /// another deployment is under way unless <c>force=true</c>.
    /// </summary>
    public async Task<IResult> RestartAsync(AppId id, HttpRequest request)
    {
        var action = await BeginForcibleAsync(id, request, forceByDefault: false);
        if (action.Refusal is { } refusal)
        {
            return refusal;
        }

        var grain = action.Grain!;
        if (await grain.RestartAsync() is not { } outcome || await grain.GetAsync() is not { } app)
        {
            return MarathonRoutes.NoSuchApp(id.Path); // deleted meanwhile
        }

        return Deployed(request, outcome.DeploymentId ?? app.Status.Deployment?.Id ?? "", app.UpdatedAt, StatusCodes.Status200OK);
    }

    /// <summary>
    /// The app of an action that a deployment under way locks unless <c>force</c> (Marathon's 409), or the answer
    /// that refuses it: a malformed flag, an unknown app, the lock.
    /// </summary>
    private async Task<ForcibleAction> BeginForcibleAsync(AppId id, HttpRequest request, bool forceByDefault)
    {
        if (!QueryFlags.TryGet(request, "force", forceByDefault, out var force, out var flagError))
        {
            return new ForcibleAction(null, null, flagError);
        }

        var grain = plane.Runtime.GetGrain<IAppGrain>(id.Path);
        var existing = await grain.GetAsync();
        if (existing is null)
        {
            return new ForcibleAction(null, null, MarathonRoutes.NoSuchApp(id.Path));
        }

        return new ForcibleAction(grain, existing, force ? null : Locked(existing));
    }

    private sealed record ForcibleAction(IAppGrain? Grain, AppSnapshot? App, IResult? Refusal);

    /// <summary>Marathon's 409 when <paramref name="app"/> has a deployment under way, else null.</summary>
    public static IResult? Locked(AppSnapshot? app) =>
        app?.Status.Deployment is { FinishedAt: null } deployment
            ? Results.Json(new MarathonLockedError(MarathonLockedError.Text, [new MarathonDeploymentId(deployment.Id)]),
                MarathonJson.Options, statusCode: StatusCodes.Status409Conflict)
            : null;

    private static IResult Deployed(HttpRequest request, string deploymentId, DateTimeOffset version, int status)
    {
        request.HttpContext.Response.Headers[DeploymentHeader] = deploymentId;
        return MarathonAppsApi.Ok(new MarathonDeploymentResult(deploymentId, version), status);
    }

    private void PostEvent(HttpRequest request, AppSpec spec) => bus.PublishApiPost(request, spec);
}
