using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Allocation;

public class ScalarSumTests
{
    // The allocator's sums must equal, to the bit, what adding and subtracting ResourceSets gives.
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void ScalarSum_AddAndSubtract_MatchResourceSetArithmetic(int seed)
    {
        var random = new Random(seed);
        var sum = new ScalarSum();
        var expected = ResourceSet.Empty;
        var added = new List<ResourceSet>();

        for (int step = 0; step < 5000; step++)
        {
            if (added.Count > 0 && random.Next(3) == 0)
            {
                var bundle = added[random.Next(added.Count)];
                added.Remove(bundle);
                sum.Subtract(bundle);
                expected -= bundle.WithoutPorts();
            }
            else
            {
                var bundle = new ResourceSet(random.NextDouble() * 3, random.NextDouble() * 4096, random.Next(0, 100) / 7.0, random.Next(0, 2), RangeSet.Of(1, 2));
                added.Add(bundle);
                sum.Add(bundle);
                expected += bundle.WithoutPorts();
            }

            Assert.Equal(expected, sum.ToResourceSet());
        }
    }

    [Fact]
    public void ScalarSum_SubtractingMoreThanHeld_ThrowsAndChangesNothing()
    {
        var sum = new ScalarSum();
        sum.Add(R("cpus:1;mem:100"));

        Assert.Throws<InvalidOperationException>(() => sum.Subtract(R("cpus:0.5;mem:101")));
        Assert.Equal(R("cpus:1;mem:100"), sum.ToResourceSet());
        Assert.True(sum.Covers(R("cpus:1;mem:100;ports:[1-5]")));
    }
}
