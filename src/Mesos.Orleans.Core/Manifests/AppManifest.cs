using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// A manifest of <c>kind: App</c>, as a user writes it: Kubernetes' envelope around a Marathon app definition.
/// </summary>
/// <remarks><c>status</c> is accepted and ignored, so the output of <c>get -o yaml</c> can be applied again.</remarks>
[StrictShape.IgnoresFields("status")]
public sealed record AppManifest
{
    /// <summary>The only API version there is.</summary>
    public const string CurrentApiVersion = "mesos-orleans.io/v1";

    /// <summary>The kind of an app manifest.</summary>
    public const string AppKind = "App";

    /// <summary>Always <see cref="CurrentApiVersion"/>.</summary>
    public string ApiVersion { get; init; } = CurrentApiVersion;

    /// <summary>Always <see cref="AppKind"/>.</summary>
    public string Kind { get; init; } = AppKind;

    /// <summary>The app's name and labels.</summary>
    public ObjectMeta Metadata { get; init; } = new();

    /// <summary>The Marathon app definition.</summary>
    public AppSpec Spec { get; init; } = new();
}

/// <summary>Kubernetes' object metadata: the fields a user sets. Server-set fields are accepted and ignored.</summary>
[StrictShape.IgnoresFields("generation", "uid", "creationTimestamp", "resourceVersion")]
public sealed record ObjectMeta
{
    /// <summary>The app's id without its leading slash: <c>web</c> or <c>team/web</c>.</summary>
    public string Name { get; init; } = "";

    /// <summary>Labels; they are the app's Marathon labels too.</summary>
    public IReadOnlyDictionary<string, string>? Labels { get; init; }

    /// <summary>Free-form notes, kept and shown, never acted on.</summary>
    public IReadOnlyDictionary<string, string>? Annotations { get; init; }
}
