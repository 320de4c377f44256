namespace Mesos.Orleans.Master.Leadership;

/// <summary>What the API needs to know of the election: whether this master leads, and who does.</summary>
public interface ILeadership
{
    /// <summary>True while this master holds the lease and runs the control plane.</summary>
    bool IsLeader { get; }

    /// <summary>The current leader (this master included), or null while none is known.</summary>
    LeaderInfo? Leader { get; }
}
