namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>The answer of <c>GET /master/frameworks</c>.</summary>
internal sealed record MesosFrameworks(IReadOnlyList<MesosFramework> Frameworks)
{
    /// <summary>Frameworks that ended: none.</summary>
    public IReadOnlyList<MesosFramework> CompletedFrameworks { get; init; } = [];

    /// <summary>Always empty, as in Mesos.</summary>
    public IReadOnlyList<MesosFramework> UnregisteredFrameworks { get; init; } = [];
}
