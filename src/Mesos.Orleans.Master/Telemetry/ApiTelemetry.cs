using System.Diagnostics;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Telemetry;

/// <summary>
/// A server span per API request — a child of the caller's span when the request carries a W3C
/// <c>traceparent</c>, else the root of a new trace — and the request's duration. The grain calls the request
/// makes run in its span, so an apply's deployment and everything after it join its trace.
/// </summary>
internal static class ApiTelemetry
{
    public static async Task TraceAsync(HttpContext context, RequestDelegate next)
    {
        var started = Stopwatch.GetTimestamp();
        var request = context.Request;
        var route = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        using var activity = Traced(request.Path) ? StartSpan(request, route) : null;
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            activity?.SetTag(TraceAttributes.HttpResponseStatusCode, status);
            if (status >= 500)
            {
                activity?.SetStatus(ActivityStatusCode.Error).SetTag(TraceAttributes.ErrorType, status.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (MesosMetrics.ApiRequestDuration.Enabled)
            {
                MesosMetrics.ApiRequestDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>(TraceAttributes.HttpRequestMethod, request.Method),
                    new KeyValuePair<string, object?>(TraceAttributes.HttpRoute, route ?? "unmatched"),
                    new KeyValuePair<string, object?>(TraceAttributes.HttpResponseStatusCode, status));
            }
        }
    }

    // Scrapes and liveness probes every few seconds would bury the traces that matter.
    private static bool Traced(PathString path) =>
        Sources.Api.HasListeners() && !path.StartsWithSegments("/metrics") && path != "/ping" && path != "/health";

    private static Activity? StartSpan(HttpRequest request, string? route)
    {
        var parent = ActivityContext.TryParse(request.Headers.TraceParent, request.Headers.TraceState, isRemote: true, out var remote) ? remote : default;
        return Traces.Start(Sources.Api, route is null ? request.Method : $"{request.Method} {route}", parent, kind: ActivityKind.Server)
            ?.SetTag(TraceAttributes.HttpRequestMethod, request.Method)
            .SetTag(TraceAttributes.UrlPath, request.Path.Value)
            .SetTag(TraceAttributes.HttpRoute, route)
            .SetTag(TraceAttributes.ServerAddress, request.Host.Host);
    }
}
