namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Marathon's <c>versionInfo</c>.</summary>
/// <param name="LastScalingAt">The last change of any kind, scaling included.</param>
/// <param name="LastConfigChangeAt">The last change other than scaling.</param>
internal sealed record MarathonVersionInfo(DateTimeOffset LastScalingAt, DateTimeOffset LastConfigChangeAt);
