using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Master.Agents;
using Mesos.Orleans.Master.Api.Events;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.Api.Operator;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Master.Security;
using Mesos.Orleans.Master.Telemetry;
using Mesos.Orleans.Telemetry.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// Maps every endpoint of the master's HTTP API: the declarative API (<c>/apis/v1</c>), Marathon's (<c>/v2</c>,
/// its event stream included), Mesos' operator endpoints, Prometheus' <c>/metrics</c>, the liveness endpoints, and the
/// agent channel (<c>/api/v1/agents</c>).
/// </summary>
public static class MasterApi
{
    /// <summary>The most a request body may hold (manifests included).</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Maps the API without authentication; requests wait until the control plane is up.</summary>
    public static void MapMasterApi(this WebApplication app, ControlPlane plane) => app.MapMasterApi(plane, ApiSecurity.Open);

    /// <summary>Maps the API of a sole master, with authentication as <paramref name="security"/> says; requests wait until the control plane is up.</summary>
    public static void MapMasterApi(this WebApplication app, ControlPlane plane, ApiSecurity security) =>
        app.MapMasterApi(plane, security, SoleMaster.Instance);

    /// <summary>
    /// Maps the API of a master in a group: while it does not lead, requests are redirected to the leader (see
    /// <see cref="StandbyRedirect"/>); while it leads, they wait until the control plane is up.
    /// </summary>
    public static void MapMasterApi(this WebApplication app, ControlPlane plane, ApiSecurity security, ILeadership leadership)
    {
        app.Use(ApiTelemetry.TraceAsync);
        app.Use(AnswerBadRequestsAsync);
        app.UseBearerAuthentication(security);
        app.UseStandbyRedirect(leadership);
        app.Use(async (context, next) =>
        {
            // A standby gets here only for what it answers without grains (who leads, liveness).
            if (leadership.IsLeader)
            {
                await plane.Ready.WaitAsync(context.RequestAborted);
            }

            await next(context);
        });

        var stops = new StopDeployments(plane.Time);
        var events = new MarathonEventBus(plane.View, stops, plane.Time, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<MarathonEventBus>());
        _ = events.RunAsync(app.Lifetime.ApplicationStopping);

        AppsApi.Map(app, plane, events, app.Services.GetService<ITaskLogsFactory>());
        ClusterApi.Map(app, plane);
        MarathonAppsApi.Map(app, plane, new MarathonAppWrites(plane, events, stops), new MarathonTaskKills(plane));
        MarathonDeploymentsApi.Map(app, plane, stops);
        MarathonQueueApi.Map(app, plane);
        MarathonInfoApi.Map(app, plane, leadership);
        app.MapGet("/v2/events", (HttpContext context) => MarathonEventStream.StreamAsync(context, events));
        var collector = new PrometheusCollector();
        var gauges = new MasterGauges(plane);
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            gauges.Dispose();
            collector.Dispose();
        });
        app.MapGet("/metrics", async () =>
        {
            await gauges.RefreshAsync();
            return Results.Text(collector.Write(), PrometheusCollector.ContentType);
        });
        MesosOperatorApi.Map(app, plane, collector, leadership);
        AgentChannelApi.Map(app, plane);
        app.MapFallback((HttpContext context) => ApiResults.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}"));
    }

    // A body over the limit (413) or a malformed request is answered in the API's error shape, not with an empty 500.
    private static async Task AnswerBadRequestsAsync(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            context.Response.Clear();
            context.Response.StatusCode = e.StatusCode;
            var message = e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"the request body is larger than {MaxRequestBodyBytes / (1024 * 1024)} MiB"
                : "bad request";
            await context.Response.WriteAsJsonAsync(new ApiError(message), Json.Options, context.RequestAborted);
        }
    }
}
