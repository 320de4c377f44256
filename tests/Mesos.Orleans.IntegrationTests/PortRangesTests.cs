using System.Globalization;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// The task ports each system under test gets are its own on the whole machine: test runs in other processes, and
/// the ports the OS picks for connections and for <c>FreePort</c>, never hand out the same ones.
/// </summary>
public sealed class PortRangesTests
{
    // Above PortRanges' blocks and below the ephemeral range: these tests claim nothing a system under test needs.
    private const int Span = 32100;

    [Fact]
    public void PortRanges_Blocks_LieBelowTheEphemeralPortRange()
    {
        var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        var ephemeralFirst = int.Parse(range[0], CultureInfo.InvariantCulture);

        Assert.True(PortRanges.First + (PortRanges.Count * PortRanges.Size) - 1 < ephemeralFirst,
            $"task ports up to {PortRanges.First + (PortRanges.Count * PortRanges.Size) - 1} reach the ephemeral range from {ephemeralFirst}");
        var (begin, end) = PortRanges.Next();
        Assert.InRange(begin, PortRanges.First + 1, end);
        Assert.InRange(end, begin, ephemeralFirst - 1);
    }

    [Fact]
    public void PortBlocks_TwoClaimantsOfTheSameSpan_AsTwoTestProcessesAre_NeverGetTheSameBlock()
    {
        using var one = new PortBlocks(Span, 10, 4);
        using var other = new PortBlocks(Span, 10, 4);

        var ofOne = new[] { one.Claim(), one.Claim() };
        var ofOther = new[] { other.Claim(), other.Claim() };

        Assert.Equal(4, ofOne.Concat(ofOther).Distinct().Count());
        Assert.All(ofOne.Concat(ofOther), block => Assert.Equal(9, block.End - block.Begin + 1)); // the first port is the claim
        // Once round, each reuses its own blocks only.
        Assert.Contains(other.Claim(), ofOther);
        Assert.Contains(one.Claim(), ofOne);
    }

    [Fact]
    public void PortBlocks_EveryBlockClaimedByAnother_SaysSo()
    {
        using var one = new PortBlocks(Span + 50, 10, 1);
        using var other = new PortBlocks(Span + 50, 10, 1);
        one.Claim();

        var error = Assert.Throws<InvalidOperationException>(() => other.Claim());
        Assert.Contains("taken by another process", error.Message, StringComparison.Ordinal);

        one.Dispose();
        Assert.Equal((Span + 51, Span + 59), other.Claim()); // a claim given up, as when its process ends
    }
}
