using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api;

/// <summary>Maps every endpoint of the master's HTTP API.</summary>
public static class MasterApi
{
    /// <summary>The most a request body may hold (manifests included).</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Maps the API; requests wait until the control plane is up.</summary>
    public static void MapMasterApi(this WebApplication app, ControlPlane plane)
    {
        app.Use(async (context, next) =>
        {
            await plane.Ready.WaitAsync(context.RequestAborted);
            await next(context);
        });
        AppsApi.Map(app, plane);
        ClusterApi.Map(app, plane);
        app.MapFallback((HttpContext context) => ApiResults.NotFound($"no such endpoint: {context.Request.Method} {context.Request.Path}"));
    }
}
