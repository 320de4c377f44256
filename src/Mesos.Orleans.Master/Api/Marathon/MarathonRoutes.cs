using Mesos.Orleans.Core.Apps;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// Splits <c>/v2/apps/{path}</c>: an app id may hold slashes (<c>team/web</c>), so a trailing word naming a
/// sub-resource (<c>tasks</c>…) is read off the end; app ids may not end with those words.
/// </summary>
internal static class MarathonRoutes
{
    /// <summary>The app and sub-resource named by <paramref name="path"/>; false with a 404 when no app can have that id.</summary>
    public static bool TryParse(string path, out AppId id, out string? subresource, out IResult? error)
    {
        subresource = null;
        error = null;
        var trimmed = path.Trim('/');
        var last = trimmed.LastIndexOf('/');
        if (last > 0 && AppId.ReservedLastSegments.Contains(trimmed[(last + 1)..]))
        {
            subresource = trimmed[(last + 1)..];
            trimmed = trimmed[..last];
        }

        if (!AppId.TryParse(trimmed, out id, out _))
        {
            error = NoSuchApp("/" + trimmed);
            return false;
        }

        return true;
    }

    /// <summary>
    /// Like <see cref="TryParse(string, out AppId, out string?, out IResult?)"/>, and also reads an item under a
    /// sub-resource (<c>tasks/{taskId}</c>, <c>versions/{version}</c>). An app whose own id ends that way
    /// (<c>/a/tasks/b</c>) is still found when <paramref name="exists"/> says so.
    /// </summary>
    public static bool TryParse(string path, Func<AppId, bool> exists, out AppId id, out string? subresource, out string? item, out IResult? error)
    {
        item = null;
        var trimmed = path.Trim('/');
        var segments = trimmed.Split('/');
        if (segments.Length >= 3 && segments[^2] is "tasks" or "versions"
            && !(AppId.TryParse(trimmed, out var whole, out _) && exists(whole)))
        {
            item = segments[^1];
            return TryParse(string.Join('/', segments[..^1]), out id, out subresource, out error);
        }

        return TryParse(path, out id, out subresource, out error);
    }

    /// <summary>Marathon's 404 for an unknown app.</summary>
    public static IResult NoSuchApp(string id) => ApiResults.NotFound($"App '{Shorten(id)}' does not exist");

    /// <summary>The 404 of a path under an app that is no endpoint.</summary>
    public static IResult NoSuchEndpoint(HttpRequest request) =>
        ApiResults.NotFound($"no such endpoint: {request.Method} {Shorten(request.Path.Value ?? "")}");

    /// <summary>Marathon's 404 for an unknown task of an app.</summary>
    public static IResult NoSuchTask(string id) => ApiResults.NotFound($"Task '{Shorten(id)}' does not exist");

    /// <summary>An id that is not one, shortened to echo it: it may be anything a client sent.</summary>
    public static string Shorten(string text) => text.Length > 210 ? text[..210] + "…" : text;
}
