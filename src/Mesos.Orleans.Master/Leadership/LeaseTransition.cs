namespace Mesos.Orleans.Master.Leadership;

/// <summary>What an event did to this master's leadership.</summary>
public enum LeaseTransition
{
    /// <summary>Nothing changed.</summary>
    None,

    /// <summary>This master became leader.</summary>
    Gained,

    /// <summary>This master stopped being leader.</summary>
    Lost,
}
