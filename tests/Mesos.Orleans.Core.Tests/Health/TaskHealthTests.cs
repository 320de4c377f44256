using Mesos.Orleans.Core.Health;

namespace Mesos.Orleans.Core.Tests.Health;

public class TaskHealthTests
{
    private static CheckState Check(bool? healthy) => CheckState.Initial with { Healthy = healthy, EverHealthy = healthy == true };

    private static bool? Of(params bool?[] checks) => TaskHealth.Of(checks.Select(Check));

    [Fact]
    public void Of_NoChecks_IsUnknown() => Assert.Null(Of());

    [Fact]
    public void Of_EveryCheckHealthy_IsHealthy()
    {
        Assert.True(Of(true));
        Assert.True(Of(true, true, true));
    }

    [Fact]
    public void Of_AnyCheckUnhealthy_IsUnhealthy()
    {
        Assert.False(Of(false));
        Assert.False(Of(true, false, true));
        Assert.False(Of(null, false));
    }

    [Fact]
    public void Of_SomeCheckWithoutAResult_AndNoneUnhealthy_IsUnknown()
    {
        Assert.Null(Of((bool?)null));
        Assert.Null(Of(true, null, true));
    }
}
