using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// An app as <c>/v2</c> shows it (Marathon's <c>AppInfo</c>): every field of its definition, its version, and what
/// was embedded — task counts, deployments, tasks, the last task failure.
/// </summary>
internal sealed record MarathonApp
{
    /// <summary>
    /// The app definition's fields (Marathon's <c>App</c>: <c>id</c>, <c>cmd</c>, <c>instances</c>…), written at the
    /// top level. They come from the spec as it is serialized, so a field the spec gains appears here as it is.
    /// </summary>
    /// <remarks>Not <c>required</c>: System.Text.Json refuses that on extension data.</remarks>
    [JsonExtensionData]
    public IDictionary<string, JsonElement> Definition { get; init; } = new Dictionary<string, JsonElement>();

    /// <summary>The time of the app's last change, scaling included.</summary>
    public required DateTimeOffset Version { get; init; }

    /// <summary>When the app last changed and when its config last changed.</summary>
    public required MarathonVersionInfo VersionInfo { get; init; }

    /// <summary>Tasks launched and not yet running.</summary>
    public int? TasksStaged { get; init; }

    /// <summary>Tasks running.</summary>
    public int? TasksRunning { get; init; }

    /// <summary>Running tasks whose health checks pass (0 without health checks, as in Marathon).</summary>
    public int? TasksHealthy { get; init; }

    /// <summary>Running tasks whose health checks fail.</summary>
    public int? TasksUnhealthy { get; init; }

    /// <summary>The app's unfinished deployments.</summary>
    public IReadOnlyList<MarathonDeploymentId>? Deployments { get; init; }

    /// <summary>The app's tasks, when embedded.</summary>
    public IReadOnlyList<MarathonTask>? Tasks { get; init; }

    /// <summary>The last task that ended unasked, when embedded and there is one.</summary>
    public MarathonTaskFailure? LastTaskFailure { get; init; }
}
