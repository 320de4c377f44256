using System.Reflection;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Master.Leadership;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// <c>/v2/info</c> and <c>/v2/leader</c>. <c>/v2/leader</c> is answered by every master from the election (404, as
/// Marathon's, while none leads); <c>/v2/info</c> only by the leader (standbys redirect it). A sole master (<c>up</c>)
/// leads at the address the client reached it at.
/// </summary>
internal static class MarathonInfoApi
{
    /// <summary>This build's version, from the assembly.</summary>
    public static string Version { get; } = typeof(MarathonInfoApi).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    /// <summary>This build's source revision, when the build recorded it.</summary>
    public static string BuildRef { get; } = typeof(MarathonInfoApi).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+') is [_, var sha] ? sha : "unknown";

    public static void Map(IEndpointRouteBuilder api, ControlPlane plane, ILeadership leadership)
    {
        api.MapGet("/v2/leader", (HttpRequest request) => Leader(leadership, request) is { } leader
            ? MarathonAppsApi.Ok(new MarathonLeader(leader))
            : ApiResults.NotFound("There is no leader"));
        api.MapGet("/v2/info", (HttpRequest request) =>
        {
            var leader = Leader(leadership, request) ?? Leader(request);
            var url = $"{request.Scheme}://{leader}";
            return MarathonAppsApi.Ok(new MarathonInfo
            {
                Version = Version,
                Buildref = BuildRef,
                Elected = leadership.IsLeader,
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

    /// <summary>
    /// The leader's <c>host:port</c> as the election knows it; a sole master's is the address this request reached;
    /// null while none leads.
    /// </summary>
    public static string? Leader(ILeadership leadership, HttpRequest request) =>
        leadership.Leader?.HostPort ?? (leadership.IsLeader ? Leader(request) : null);

    /// <summary>The <c>host:port</c> this request reached.</summary>
    public static string Leader(HttpRequest request) =>
        request.Host.Port is { } port ? $"{request.Host.Host}:{port}" : $"{request.Host.Host}:{(request.IsHttps ? 443 : 80)}";
}
