using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Contracts.Api;

/// <summary>A stored version of an app, as <c>rollout history</c> lists it.</summary>
public sealed record AppVersionResource(long Version, long ConfigVersion, DateTimeOffset CreatedAt, AppSpec Spec);

/// <summary>A rollback: to a given version, or (null) to the newest one with another config.</summary>
public sealed record RollbackRequest(long? ToVersion);
