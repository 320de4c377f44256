namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// The leadership of a master without competitors (<c>up</c>): it always leads, at whatever address a client
/// reached it.
/// </summary>
public sealed class SoleMaster : ILeadership
{
    /// <summary>The one instance.</summary>
    public static SoleMaster Instance { get; } = new();

    private SoleMaster()
    {
    }

    /// <inheritdoc />
    public bool IsLeader => true;

    /// <inheritdoc />
    public LeaderInfo? Leader => null;
}
