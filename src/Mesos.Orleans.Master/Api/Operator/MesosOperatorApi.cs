using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Master.Hosting;
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
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, PrometheusCollector measured)
    {
        api.MapGet("/master/state", async (HttpRequest request) => Ok((await BuilderAsync(plane, request)).State()));
        api.MapGet("/master/state-summary", async (HttpRequest request) => Ok((await BuilderAsync(plane, request)).Summary()));
        api.MapGet("/master/frameworks", async (HttpRequest request) => Ok(new MesosFrameworks((await BuilderAsync(plane, request)).Frameworks(summary: false))));
        api.MapGet("/master/slaves", async (HttpRequest request) => Ok(new MesosSlaves((await BuilderAsync(plane, request)).Agents(summary: false))));
        api.MapGet("/metrics/snapshot", async () => Ok(MesosMetrics.Snapshot(plane, await Books(plane).GetSnapshotAsync(), measured)));

        // The leader is this master: Mesos answers with a redirect to it, without scheme.
        api.MapGet("/master/redirect", (HttpRequest request) => Results.Redirect("//" + Marathon.MarathonInfoApi.Leader(request), permanent: false, preserveMethod: true));
    }

    private static async Task<MesosStateBuilder> BuilderAsync(ControlPlane plane, HttpRequest request) =>
        new(plane, await Books(plane).GetSnapshotAsync(), request);

    private static IAllocatorGrain Books(ControlPlane plane) => plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key);

    private static IResult Ok<T>(T value) => Results.Json(value, MesosJson.Options);
}
