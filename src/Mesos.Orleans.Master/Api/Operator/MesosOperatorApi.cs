using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Master.Leadership;
using Mesos.Orleans.Telemetry.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>
/// Mesos' operator endpoints: <c>/master/state</c>, <c>/master/state-summary</c>, <c>/master/frameworks</c>,
/// <c>/master/slaves</c>, <c>/master/redirect</c> and <c>/metrics/snapshot</c>, in Mesos' JSON.
/// </summary>
internal static class MesosOperatorApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, PrometheusCollector measured, ILeadership leadership)
    {
        api.MapGet("/master/state", async (HttpRequest request) => Ok((await BuilderAsync(plane, request)).State()));
        api.MapGet("/master/state-summary", async (HttpRequest request) => Ok((await BuilderAsync(plane, request)).Summary()));
        api.MapGet("/master/frameworks", async (HttpRequest request) => Ok(new MesosFrameworks((await BuilderAsync(plane, request)).Frameworks(summary: false))));
        api.MapGet("/master/slaves", async (HttpRequest request) => Ok(new MesosSlaves((await BuilderAsync(plane, request)).Agents(summary: false))));
        api.MapGet("/metrics/snapshot", async () => Ok(MesosMetrics.Snapshot(plane, await Books(plane).GetSnapshotAsync(), measured)));

        // Every master answers it: a redirect to the leader without scheme, as Mesos does, or 503 while none leads.
        api.MapGet("/master/redirect", (HttpContext context) => Marathon.MarathonInfoApi.Leader(leadership, context.Request) is { } leader
            ? Results.Redirect("//" + leader, permanent: false, preserveMethod: true)
            : NoLeader(context));
    }

    // Mesos' answer while no master is elected.
    private static IResult NoLeader(HttpContext context)
    {
        context.Response.Headers.RetryAfter = StandbyRedirect.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return ApiResults.Error(StatusCodes.Status503ServiceUnavailable, "No leader elected");
    }

    private static async Task<MesosStateBuilder> BuilderAsync(ControlPlane plane, HttpRequest request) =>
        new(plane, await Books(plane).GetSnapshotAsync(), request);

    private static IAllocatorGrain Books(ControlPlane plane) => plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key);

    private static IResult Ok<T>(T value) => Results.Json(value, MesosJson.Options);
}
