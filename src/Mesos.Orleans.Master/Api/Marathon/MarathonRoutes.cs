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

    /// <summary>Marathon's 404 for an unknown app.</summary>
    public static IResult NoSuchApp(string id) => ApiResults.NotFound($"App '{Shorten(id)}' does not exist");

    /// <summary>The 404 of a path under an app that is no endpoint.</summary>
    public static IResult NoSuchEndpoint(HttpRequest request) =>
        ApiResults.NotFound($"no such endpoint: {request.Method} {Shorten(request.Path.Value ?? "")}");

    // An id that is not one is echoed shortened: it may be anything a client sent.
    private static string Shorten(string text) => text.Length > 210 ? text[..210] + "…" : text;
}
