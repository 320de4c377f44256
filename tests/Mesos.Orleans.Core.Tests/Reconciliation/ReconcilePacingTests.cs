using Mesos.Orleans.Core.Reconciliation;

namespace Mesos.Orleans.Core.Tests.Reconciliation;

public sealed class ReconcilePacingTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0.05)]
    [InlineData(20, 1)]
    [InlineData(1000, 50)]
    [InlineData(5000, 250)]
    [InlineData(1_000_000, 250)]
    public void Spacing_grows_with_the_app_up_to_a_bound(int instances, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), ReconcilePacing.Spacing(instances));

    [Fact]
    public void An_app_quiet_for_its_spacing_reconciles_at_once() =>
        Assert.Equal(TimeSpan.Zero, ReconcilePacing.Delay(1000, TimeSpan.FromMilliseconds(50)));

    [Fact]
    public void An_event_soon_after_a_pass_waits_out_the_rest_of_the_spacing() =>
        Assert.Equal(TimeSpan.FromMilliseconds(30), ReconcilePacing.Delay(1000, TimeSpan.FromMilliseconds(20)));

    [Fact]
    public void A_small_app_barely_waits() =>
        Assert.True(ReconcilePacing.Delay(3, TimeSpan.Zero) < TimeSpan.FromMilliseconds(1));
}
