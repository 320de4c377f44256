namespace Mesos.Orleans.Docker.Tests.Support;

/// <summary>Bounds each test's waits: every engine call of a test shares one token that fires after a generous limit.</summary>
public static class TestTimeout
{
    /// <summary>The limit of one test's engine calls.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(90);

    /// <summary>A token source that cancels after <paramref name="limit"/> (default <see cref="Default"/>).</summary>
    public static CancellationTokenSource Start(TimeSpan? limit = null) => new(limit ?? Default);
}
