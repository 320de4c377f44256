using System.Reflection;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// <c>/v2/info</c> and <c>/v2/leader</c>. The master serving the request leads (in <c>up</c> it is the only one), so
/// the leader is the address the client reached it at.
/// </summary>
internal static class MarathonInfoApi
{
    /// <summary>This build's version, from the assembly.</summary>
    public static string Version { get; } = typeof(MarathonInfoApi).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>This build's source revision, when the build recorded it.</summary>
    public static string BuildRef { get; } = typeof(MarathonInfoApi).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var sha] ? sha : "unknown";

    public static void Map(IEndpointRouteBuilder api, ControlPlane plane)
    {
        api.MapGet("/v2/leader", (HttpRequest request) => MarathonAppsApi.Ok(new MarathonLeader(Leader(request))));
        api.MapGet("/v2/info", (HttpRequest request) =>
        {
            var leader = Leader(request);
            var url = $"{request.Scheme}://{leader}";
            return MarathonAppsApi.Ok(new MarathonInfo
            {
                Version = Version,
                Buildref = BuildRef,
                Elected = true,
                Leader = leader,
                FrameworkId = IFrameworkGrain.AppsFrameworkId,
                MarathonConfig = new MarathonConfig
                {
                    Master = url,
                    FrameworkName = plane.View.Framework(IFrameworkGrain.AppsFrameworkId)?.Name ?? IFrameworkGrain.AppsFrameworkId,
                    Hostname = request.Host.Host,
                    WebuiUrl = url,
                    MesosLeaderUiUrl = url + "/",
                    DeclineOfferDuration = (long)plane.Options.RefuseSeconds.TotalMilliseconds,
                    OfferMatchingTimeout = (long)plane.Options.OfferTimeout.TotalMilliseconds,
                    ReconciliationInterval = (long)plane.Options.AppResyncPeriod.TotalMilliseconds,
                },
                HttpConfig = new HttpConfig(request.Host.Port ?? (request.IsHttps ? 443 : 80), 0),
            });
        });
    }

    /// <summary>The leader's <c>host:port</c>: the address this request reached.</summary>
    public static string Leader(HttpRequest request) =>
        request.Host.Port is { } port ? $"{request.Host.Host}:{port}" : $"{request.Host.Host}:{(request.IsHttps ? 443 : 80)}";
}
