namespace Mesos.Orleans.Core.Allocation;

/// <summary>Settings of the allocator, with Mesos' defaults.</summary>
public sealed class AllocatorOptions
{
    /// <summary>Default of <see cref="MinOfferCpus"/>.</summary>
    public const double DefaultMinOfferCpus = 0.01;

    /// <summary>Default of <see cref="MinOfferMem"/>.</summary>
    public const double DefaultMinOfferMem = 32;

    /// <summary>An agent with at least this many free cpus (or <see cref="MinOfferMem"/>) is worth offering.</summary>
    public double MinOfferCpus { get; init; } = DefaultMinOfferCpus;

    /// <summary>An agent with at least this much free memory, in MB (or <see cref="MinOfferCpus"/>), is worth offering.</summary>
    public double MinOfferMem { get; init; } = DefaultMinOfferMem;
}
