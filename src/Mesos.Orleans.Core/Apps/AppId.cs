using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Core.Apps;

/// <summary>
/// An app's id as Marathon writes it: an absolute path of segments (<c>/team/web</c>). A manifest's
/// <c>metadata.name</c> is the same path without its leading slash (<c>team/web</c>).
/// </summary>
[JsonConverter(typeof(AppIdJsonConverter))]
public readonly partial record struct AppId
{
    /// <summary>Last path segments that name sub-resources in the APIs, so no app may end with them.</summary>
    public static readonly IReadOnlySet<string> ReservedLastSegments =
        new HashSet<string>(StringComparer.Ordinal) { "tasks", "versions", "restart", "scale", "status", "logs", "instances", "events", "rollback", "deployment" };

    private AppId(string path) => Path = path;

    /// <summary>The absolute path, e.g. <c>/team/web</c>.</summary>
    public string Path { get; }

    /// <summary>The manifest name, e.g. <c>team/web</c>.</summary>
    public string Name => Path[1..];

    /// <summary>
    /// The prefix of this app's instance and task ids: the path with <c>/</c> turned into <c>_</c>, as Marathon does
    /// (Marathon ids never contain <c>_</c>, so the mapping is reversible).
    /// </summary>
    public string SafeName => Name.Replace('/', '_');

    /// <summary>Parses a name or path, relative ones taken from the root.</summary>
    public static bool TryParse(string? text, out AppId id, out string? error)
    {
        id = default;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "must not be empty";
            return false;
        }

        var trimmed = text.Trim().Trim('/');
        if (trimmed.Length == 0)
        {
            error = "must name an app, not the root group";
            return false;
        }

        if (trimmed.Length > 200)
        {
            error = "must be at most 200 characters";
            return false;
        }

        var segments = trimmed.Split('/');
        foreach (var segment in segments)
        {
            if (segment is "." or ".." || !SegmentPattern().IsMatch(segment))
            {
                error = $"'{segment}' is not a valid path segment: use lowercase letters, digits, '-' and '.', "
                    + "starting and ending with a letter or digit";
                return false;
            }
        }

        if (ReservedLastSegments.Contains(segments[^1]))
        {
            error = $"must not end with the reserved word '{segments[^1]}'";
            return false;
        }

        id = new AppId("/" + trimmed);
        return true;
    }

    /// <summary>Parses a name or path or throws <see cref="FormatException"/>.</summary>
    public static AppId Parse(string text) =>
        TryParse(text, out var id, out var error) ? id : throw new FormatException($"invalid app id '{text}': {error}");

    /// <summary>The app whose instance or task id this is (<c>team_web.instance-…</c> → <c>/team/web</c>).</summary>
    public static bool TryFromInstanceOrTaskId(string id, out AppId appId)
    {
        appId = default;
        // The last marker: an app's own segments may contain ".instance-" (web.instance-x is a valid segment), the
        // uuid after the marker never does.
        var cut = id.LastIndexOf(".instance-", StringComparison.Ordinal);
        return cut > 0 && TryParse(id[..cut].Replace('_', '/'), out appId, out _);
    }

    /// <inheritdoc />
    public override string ToString() => Path ?? "";

    // Marathon's rule for one path segment.
    [GeneratedRegex("^(([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])\\.)*([a-z0-9]|[a-z0-9][a-z0-9\\-]*[a-z0-9])$")]
    private static partial Regex SegmentPattern();
}
