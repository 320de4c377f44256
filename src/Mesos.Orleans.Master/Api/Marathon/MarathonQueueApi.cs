using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Marathon's launch queue, <c>/v2/queue</c>: the apps with instances left to launch — waiting for an offer, or held
/// back by the crash-loop backoff — and <c>DELETE /v2/queue/{id}/delay</c>, which ends an app's backoff at once.
/// </summary>
internal static class MarathonQueueApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane)
    {
        api.MapGet("/v2/queue", () => MarathonAppsApi.Ok(Queue(plane)));
        api.MapDelete("/v2/queue/{**path}", (string path, HttpRequest request) => ResetDelayAsync(plane, path, request));
    }

    private static MarathonQueue Queue(ControlPlane plane)
    {
        var now = plane.Time.GetUtcNow();
        var items = plane.View.Apps
            .Where(app => !app.Deleting && Left(app) > 0)
            .Select(app => Item(plane, app, now))
            .ToList();
        return new MarathonQueue(items);
    }

    private static MarathonQueueItem Item(ControlPlane plane, AppSnapshot app, DateTimeOffset now)
    {
        var instances = plane.View.InstancesOf(app.Id).ToList();
        var waitingSince = instances.Where(i => i.State == InstanceSnapshot.ScheduledState && !i.StopRequested).Select(i => (DateTimeOffset?)i.CreatedAt).Min();
        var backoff = app.Status.Backoff is { } b && b.Until > now ? b : null;
        var backoffSince = backoff is null ? (DateTimeOffset?)null : backoff.Until - TimeSpan.FromSeconds(backoff.DelaySeconds);
        return new MarathonQueueItem
        {
            App = MarathonViews.App(app, instances, MarathonEmbed.None),
            Count = Left(app),
            Delay = backoff is null
                ? new MarathonQueueDelay(0, Overdue: true)
                : new MarathonQueueDelay((long)Math.Floor((backoff.Until - now).TotalSeconds), Overdue: false),
            Since = new[] { waitingSince, backoffSince }.Where(t => t is not null).Min() ?? now,
        };
    }

    // What the app's loop last saw left to launch: instances waiting for an offer, and those the backoff holds back.
    private static int Left(AppSnapshot app) => app.Status.Instances.Scheduled + app.Status.Instances.Delayed;

    // DELETE /v2/queue/{id}/delay: 204, or Marathon's 404 when the app has nothing left to launch.
    private static async Task<IResult> ResetDelayAsync(ControlPlane plane, string path, HttpRequest request)
    {
        var trimmed = path.Trim('/');
        if (!trimmed.EndsWith("/delay", StringComparison.Ordinal))
        {
            return MarathonRoutes.NoSuchEndpoint(request);
        }

        var name = trimmed[..^"/delay".Length];
        if (!AppId.TryParse(name, out var id, out _) || plane.View.App(id) is not { Deleting: false } app || Left(app) == 0
            || !await plane.Runtime.GetGrain<IAppGrain>(id.Path).ResetDelayAsync())
        {
            return ApiResults.NotFound($"Application /{MarathonRoutes.Shorten(name)} not found in tasks queue.");
        }

        return Results.NoContent();
    }
}
