using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Contracts.Views;

/// <summary>An app as it stands: its definition and generations, its status, its recent events.</summary>
public sealed record AppSnapshot
{
    /// <summary>The app's id.</summary>
    public required AppId Id { get; init; }

    /// <summary>The definition in force (spec with defaults, annotations).</summary>
    public required AppDefinition Definition { get; init; }

    /// <summary>Changes with every change of the spec (scaling included).</summary>
    public required long Generation { get; init; }

    /// <summary>The generation of the last change other than scaling: instances of older ones get replaced.</summary>
    public required long ConfigGeneration { get; init; }

    /// <summary>A unique id of this app's life (a deleted and re-created app has a new one).</summary>
    public required string Uid { get; init; }

    /// <summary>When the app was created.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the spec last changed.</summary>
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>
    /// When the config generation began (the last change other than scaling): Marathon's <c>lastConfigChangeAt</c>,
    /// the version its current instances run. Null for apps stored before it was recorded.
    /// </summary>
    public DateTimeOffset? ConfigChangedAt { get; init; }

    /// <summary>True once deleted, while its instances are being killed.</summary>
    public bool Deleting { get; init; }

    /// <summary>What the reconciliation loop last observed.</summary>
    public required AppStatus Status { get; init; }

    /// <summary>The latest things that happened to the app, oldest first.</summary>
    public IReadOnlyList<AppEvent> Events { get; init; } = [];
}

/// <summary>Something that happened to an app, for people (Kubernetes' events).</summary>
public sealed record AppEvent(DateTimeOffset At, string Type, string Reason, string Message);
