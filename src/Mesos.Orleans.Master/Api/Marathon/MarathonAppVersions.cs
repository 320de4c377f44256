using System.Globalization;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// <c>GET /v2/apps/{id}/versions</c> and <c>/versions/{version}</c>. A version is the time of a change (Marathon's
/// timestamps, to the millisecond), one per stored generation; the app keeps its latest 50.
/// </summary>
internal static class MarathonAppVersions
{
    /// <summary>The list (<paramref name="version"/> null) or the definition at one version.</summary>
    public static async Task<IResult> GetAsync(ControlPlane plane, AppId id, string? version)
    {
        var versions = await plane.Runtime.GetGrain<IAppGrain>(id.Path).GetVersionsAsync(); // newest first
        if (versions.Count == 0)
        {
            return MarathonRoutes.NoSuchApp(id.Path);
        }

        if (version is null)
        {
            return MarathonAppsApi.Ok(new MarathonVersionList(versions.Select(v => Millis(v.CreatedAt)).ToList()));
        }

        if (!DateTimeOffset.TryParse(version, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return ApiResults.BadRequest($"invalid version '{MarathonRoutes.Shorten(version)}': expected a timestamp such as 2015-09-25T15:13:48.343Z");
        }

        var index = versions.ToList().FindIndex(v => Millis(v.CreatedAt) == Millis(at));
        if (index < 0)
        {
            return ApiResults.NotFound($"App '{id.Path}' does not exist in version {Millis(at).ToUniversalTime():yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");
        }

        // The config began with the oldest of the versions just before it that share its config generation.
        var found = versions[index];
        var configSince = versions.Skip(index).TakeWhile(v => v.ConfigGeneration == found.ConfigGeneration).Last().CreatedAt;
        return MarathonAppsApi.Ok(new MarathonApp
        {
            Definition = MarathonViews.Definition(found.Definition.Spec),
            Version = found.CreatedAt,
            VersionInfo = new MarathonVersionInfo(found.CreatedAt, configSince),
        });
    }

    private static DateTimeOffset Millis(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
}
