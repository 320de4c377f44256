using System.Globalization;

namespace Mesos.Orleans.Bench.Benchmarks;

/// <summary>A cluster's size for the scale benchmarks: agents, and apps of so many instances.</summary>
public sealed record ScaleSize(int Agents, int Apps, int InstancesPerApp)
{
    /// <summary>The launch, recovery and API benchmarks' size: 10,000 agents, 100,000 tasks.</summary>
    public static readonly ScaleSize Launch = new(10_000, 100, 1_000);

    /// <summary>The at-rest and memory benchmarks' size: 50,000 agents, 100,000 tasks.</summary>
    public static readonly ScaleSize AtRest = new(50_000, 100, 1_000);

    /// <summary>The CI smoke size of both.</summary>
    public static readonly ScaleSize Smoke = new(100, 10, 100);

    /// <summary>Every task.</summary>
    public int Tasks => Apps * InstancesPerApp;

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Agents:N0} agents, {Tasks:N0} tasks ({Apps} apps x {InstancesPerApp})");
}
