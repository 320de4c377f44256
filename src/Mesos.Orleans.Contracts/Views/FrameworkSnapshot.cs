namespace Mesos.Orleans.Contracts.Views;

/// <summary>A framework as the master knows it.</summary>
public sealed record FrameworkSnapshot
{
    /// <summary>The framework's id.</summary>
    public required string FrameworkId { get; init; }

    /// <summary>Its name.</summary>
    public required string Name { get; init; }

    /// <summary>Its role.</summary>
    public required string Role { get; init; }

    /// <summary>True while it is connected and may take offers.</summary>
    public required bool Active { get; init; }

    /// <summary>When it registered.</summary>
    public required DateTimeOffset RegisteredAt { get; init; }

    /// <summary>Instances waiting for an offer.</summary>
    public int QueuedLaunches { get; init; }

    /// <summary>Offers it holds.</summary>
    public int OutstandingOffers { get; init; }
}
