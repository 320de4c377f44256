using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Contracts.Api;

/// <summary>An app as the declarative API shows it: the manifest the user applied, with server fields and status.</summary>
public sealed record AppResource
{
    /// <summary>Always <c>mesos-orleans.io/v1</c>.</summary>
    public string ApiVersion { get; init; } = AppManifest.CurrentApiVersion;

    /// <summary>Always <c>App</c>.</summary>
    public string Kind { get; init; } = AppManifest.AppKind;

    /// <summary>Name, labels, and what the server sets.</summary>
    public required ResourceMetadata Metadata { get; init; }

    /// <summary>The spec in force, every default filled in.</summary>
    public required AppSpec Spec { get; init; }

    /// <summary>What the reconciliation loop observed.</summary>
    public required AppStatus Status { get; init; }

    /// <summary>The resource for an app snapshot.</summary>
    public static AppResource From(AppSnapshot app) => new()
    {
        Metadata = new ResourceMetadata
        {
            Name = app.Id.Name,
            Labels = app.Definition.Spec.Labels ?? new Dictionary<string, string>(),
            Annotations = app.Definition.Annotations,
            Generation = app.Generation,
            Uid = app.Uid,
            CreationTimestamp = app.CreatedAt,
        },
        // The id and labels live in metadata; leaving them out of spec keeps the object re-appliable as it is.
        Spec = app.Definition.Spec with { Id = null, Labels = null },
        Status = app.Status,
    };
}

/// <summary>Kubernetes' object metadata, with the fields the server sets.</summary>
public sealed record ResourceMetadata
{
    /// <summary>The name (the app id without its leading slash).</summary>
    public required string Name { get; init; }

    /// <summary>Labels.</summary>
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>Annotations.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>Changes with every change of the spec.</summary>
    public long Generation { get; init; }

    /// <summary>Unique to this object's life.</summary>
    public string? Uid { get; init; }

    /// <summary>When the object was created.</summary>
    public DateTimeOffset? CreationTimestamp { get; init; }
}
