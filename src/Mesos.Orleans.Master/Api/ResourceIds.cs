using System.Text.RegularExpressions;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// The ids of tasks, agents and frameworks as routes take them: letters, digits, <c>.</c>, <c>_</c> and <c>-</c>,
/// starting with a letter or digit, at most 255 characters. Anything else (a slash, <c>..</c> alone, control
/// characters) is refused before it is looked up or echoed.
/// </summary>
internal static partial class ResourceIds
{
    /// <summary>True when <paramref name="id"/> can be the id of a task, agent or framework.</summary>
    public static bool IsWellFormed(string? id) => id is not null && Pattern().IsMatch(id);

    /// <summary>The 400 for a malformed id of <paramref name="kind"/>.</summary>
    public static Microsoft.AspNetCore.Http.IResult Malformed(string kind) =>
        ApiResults.BadRequest($"invalid {kind} id: use at most 255 letters, digits, '.', '_' and '-', starting with a letter or digit");

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,254}$")]
    private static partial Regex Pattern();
}
