namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>The answer of <c>GET /master/state</c>.</summary>
internal sealed record MesosState
{
    /// <summary>This software's version (not a Mesos version).</summary>
    public required string Version { get; init; }

    /// <summary>The build's source revision, when recorded.</summary>
    public string? GitSha { get; init; }

    /// <summary>When this master started, in seconds since the epoch.</summary>
    public required double StartTime { get; init; }

    /// <summary>When it was elected: when it started (in <c>up</c> it leads from the start).</summary>
    public required double ElectedTime { get; init; }

    /// <summary>This master's id (new with every start).</summary>
    public required string Id { get; init; }

    /// <summary><c>master@host:port</c>.</summary>
    public required string Pid { get; init; }

    /// <summary>This master's host name.</summary>
    public required string Hostname { get; init; }

    /// <summary>Its capabilities: none claimed.</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Agents registered and active.</summary>
    public required int ActivatedSlaves { get; init; }

    /// <summary>Agents registered and not active.</summary>
    public required int DeactivatedSlaves { get; init; }

    /// <summary>Agents that stopped answering.</summary>
    public required int UnreachableSlaves { get; init; }

    /// <summary>The leader's pid: this master.</summary>
    public required string Leader { get; init; }

    /// <summary>The leader.</summary>
    public required MesosMasterInfo LeaderInfo { get; init; }

    /// <summary>The master's settings, as Mesos' flags where they have a counterpart.</summary>
    public required IReadOnlyDictionary<string, string> Flags { get; init; }

    /// <summary>The agents.</summary>
    public required IReadOnlyList<MesosAgent> Slaves { get; init; }

    /// <summary>Agents known from the store but not registered since: none are listed.</summary>
    public IReadOnlyList<MesosAgent> RecoveredSlaves { get; init; } = [];

    /// <summary>The frameworks.</summary>
    public required IReadOnlyList<MesosFramework> Frameworks { get; init; }

    /// <summary>Frameworks that ended: none.</summary>
    public IReadOnlyList<MesosFramework> CompletedFrameworks { get; init; } = [];

    /// <summary>Always empty, as in Mesos.</summary>
    public IReadOnlyList<MesosTask> OrphanTasks { get; init; } = [];

    /// <summary>Always empty, as in Mesos.</summary>
    public IReadOnlyList<MesosFramework> UnregisteredFrameworks { get; init; } = [];
}
