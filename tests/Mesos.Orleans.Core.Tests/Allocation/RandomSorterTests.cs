using Mesos.Orleans.Core.Allocation;

namespace Mesos.Orleans.Core.Tests.Allocation;

public class RandomSorterTests
{
    // Seeded, so the counts are the same every run; the bounds are those of the weights, ±1.5 points.
    [Fact]
    public void RandomSorter_First_PicksByWeightAmongTheNotSkipped()
    {
        var sorter = new RandomSorter(new Random(7));
        sorter.Add("light");
        sorter.Add("heavy", 3);
        sorter.Add("skipped", 100);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal) { ["light"] = 0, ["heavy"] = 0 };

        for (int i = 0; i < 20_000; i++)
        {
            counts[sorter.First(c => c == "skipped")!]++;
        }

        Assert.InRange(counts["heavy"] / 20_000.0, 0.735, 0.765);
    }
}
