using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Resources;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Allocation;

public class DrfSorterTests
{
    private static DrfSorter Sorter(string total, params (string Client, string Allocation)[] clients)
    {
        var sorter = new DrfSorter();
        sorter.SetTotal(R(total));
        foreach (var (client, allocation) in clients)
        {
            sorter.Add(client);
            sorter.Allocated(client, R(allocation));
        }

        return sorter;
    }

    [Fact]
    public void DrfSorter_LowestDominantShareFirst()
    {
        var sorter = Sorter("cpus:10;mem:100", ("b", "mem:50"), ("c", "cpus:3;mem:20"), ("a", "cpus:1"));

        Assert.Equal(["a", "c", "b"], sorter.Sort());
        Assert.Equal([0.1, 0.3, 0.5], sorter.Sort().Select(sorter.Share));
    }

    [Theory]
    [InlineData("cpus:2", 0.2)]
    [InlineData("mem:512", 0.5)]
    [InlineData("disk:750", 0.75)]
    [InlineData("gpus:1", 0.25)]
    [InlineData("cpus:1;mem:128;disk:100;gpus:2", 0.5)]
    [InlineData("ports:[1-1000]", 0)]
    public void DrfSorter_Share_IsTheLargestFractionOfAnyScalar(string allocation, double share) =>
        Assert.Equal(share, Sorter("cpus:10;mem:1024;disk:1000;gpus:4", ("a", allocation)).Share("a"));

    [Fact]
    public void DrfSorter_ResourcesTheClusterLacks_AreIgnored() =>
        Assert.Equal(0.1, Sorter("cpus:10;mem:100", ("a", "cpus:1;gpus:3;disk:5")).Share("a"));

    [Fact]
    public void DrfSorter_Weight_DividesTheShare()
    {
        var sorter = new DrfSorter();
        sorter.SetTotal(R("cpus:10"));
        sorter.Add("heavy", 2);
        sorter.Add("light");
        sorter.Allocated("heavy", R("cpus:4"));
        sorter.Allocated("light", R("cpus:3"));

        Assert.Equal(0.2, sorter.Share("heavy"));
        Assert.Equal(0.3, sorter.Share("light"));
        Assert.Equal(["heavy", "light"], sorter.Sort());
    }

    [Fact]
    public void DrfSorter_NothingAllocated_SortsByName() =>
        Assert.Equal(["a", "b", "c"], Sorter("cpus:10", ("c", ""), ("a", ""), ("b", "")).Sort());

    [Fact]
    public void DrfSorter_EqualShares_SortByName() =>
        Assert.Equal(["a", "b", "c"], Sorter("cpus:10;mem:100", ("c", "cpus:1"), ("a", "mem:10"), ("b", "cpus:1")).Sort());

    [Fact]
    public void DrfSorter_UpdatesOnAllocatedAndUnallocated()
    {
        var sorter = Sorter("cpus:10;mem:100", ("a", "cpus:2"), ("b", "cpus:3"));
        Assert.Equal(["a", "b"], sorter.Sort());

        sorter.Allocated("a", R("mem:50"));
        Assert.Equal(["b", "a"], sorter.Sort());

        sorter.Unallocated("a", R("cpus:2;mem:50"));
        Assert.Equal(["a", "b"], sorter.Sort());
        Assert.Equal(0, sorter.Share("a"));
    }

    [Fact]
    public void DrfSorter_UpdatesOnSetTotal()
    {
        var sorter = Sorter("cpus:10;mem:100", ("a", "cpus:2"), ("b", "mem:30"));
        Assert.Equal(["a", "b"], sorter.Sort());

        sorter.SetTotal(R("cpus:4;mem:100"));

        Assert.Equal(["b", "a"], sorter.Sort());
        Assert.Equal(0.5, sorter.Share("a"));
    }

    // SetTotal only marks the order stale; what changes before the next read must still count.
    [Fact]
    public void DrfSorter_ChangesAfterSetTotal_AreSortedAgainstTheNewTotal()
    {
        var sorter = Sorter("cpus:10;mem:100", ("a", "cpus:2"), ("b", "mem:30"), ("gone", ""));

        sorter.SetTotal(R("cpus:100;mem:100"));
        sorter.SetTotal(R("cpus:4;mem:100"));
        sorter.Allocated("b", R("mem:10"));
        sorter.Unallocated("a", R("cpus:1"));
        sorter.Add("c");
        sorter.Allocated("c", R("cpus:3"));
        sorter.Remove("gone");

        Assert.Equal(["a", "b", "c"], sorter.Sort());
        Assert.Equal([0.25, 0.4, 0.75], sorter.Sort().Select(sorter.Share));
    }

    [Fact]
    public void DrfSorter_ShareRightAfterSetTotal_IsMeasuredAgainstIt()
    {
        var sorter = Sorter("cpus:10", ("a", "cpus:2"));

        sorter.SetTotal(R("cpus:4"));

        Assert.Equal(0.5, sorter.Share("a"));
    }

    [Fact]
    public void DrfSorter_AddedAfterSetTotal_IsMeasuredAgainstIt()
    {
        var sorter = Sorter("cpus:8");
        sorter.Add("late");
        sorter.Allocated("late", R("cpus:2"));

        Assert.Equal(0.25, sorter.Share("late"));
    }

    [Fact]
    public void DrfSorter_First_IsTheLowestShareNotSkipped()
    {
        var sorter = Sorter("cpus:10;mem:100", ("b", "mem:50"), ("c", "cpus:3;mem:20"), ("a", "cpus:1"), ("d", "cpus:4"));

        Assert.Equal("a", sorter.First());
        Assert.Equal("c", sorter.First(c => c == "a"));
        Assert.Equal("d", sorter.First(c => c is "a" or "c"));
        Assert.Equal("b", sorter.First(c => c != "b"));
    }

    // Many clients, so that First walks several levels of the heap past the skipped ones.
    [Fact]
    public void DrfSorter_First_WalksPastManySkippedInOrder()
    {
        var sorter = new DrfSorter();
        sorter.SetTotal(R("cpus:1000"));
        var clients = Enumerable.Range(0, 100).Select(i => $"c{i:000}").ToList();
        foreach (var (client, i) in clients.Select((c, i) => (c, i)))
        {
            sorter.Add(client);
            sorter.Allocated(client, R($"cpus:{(i * 37) % 100}"));
        }

        var order = sorter.Sort().ToList();

        for (int skip = 0; skip <= order.Count; skip++)
        {
            var skipped = order.Take(skip).ToHashSet();
            Assert.Equal(order.ElementAtOrDefault(skip), sorter.First(skipped.Contains));
        }
    }

    // The example of Ghodsi et al., "Dominant Resource Fairness" (NSDI 2011): 9 cpus and 18 GB; user A runs
    // tasks of <1 cpu, 4 GB>, user B of <3 cpus, 1 GB>. Progressive filling gives A three tasks and B two.
    [Fact]
    public void DrfSorter_PaperExample_ProgressiveFilling()
    {
        var total = R("cpus:9;mem:18432");
        var tasks = new Dictionary<string, ResourceSet> { ["A"] = R("cpus:1;mem:4096"), ["B"] = R("cpus:3;mem:1024") };
        var sorter = Sorter("cpus:9;mem:18432", ("A", ""), ("B", ""));

        var launched = ProgressiveFilling(sorter, total, tasks);

        Assert.Equal(new Dictionary<string, int> { ["A"] = 3, ["B"] = 2 }, launched);
        Assert.Equal(R("cpus:3;mem:12288"), sorter.AllocationOf("A"));
        Assert.Equal(R("cpus:6;mem:2048"), sorter.AllocationOf("B"));
        Assert.Equal(2.0 / 3, sorter.Share("A"), 9);
        Assert.Equal(2.0 / 3, sorter.Share("B"), 9);
    }

    [Fact]
    public void DrfSorter_WeightedProgressiveFilling_GivesSharesInProportion()
    {
        var sorter = new DrfSorter();
        sorter.SetTotal(R("cpus:9"));
        sorter.Add("one");
        sorter.Add("two", 2);
        var task = R("cpus:1");

        var launched = ProgressiveFilling(sorter, R("cpus:9"), new Dictionary<string, ResourceSet> { ["one"] = task, ["two"] = task });

        Assert.Equal(new Dictionary<string, int> { ["one"] = 3, ["two"] = 6 }, launched);
    }

    // Whatever happens, Sort() is the order of (share, name) recomputed from scratch.
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void DrfSorter_Order_AlwaysMatchesRecomputedShares(int seed)
    {
        var random = new Random(seed);
        var sorter = new DrfSorter();
        var total = R("cpus:100;mem:1000;disk:1000;gpus:8");
        sorter.SetTotal(total);
        var names = Enumerable.Range(0, 12).Select(i => $"c{i}").ToList();
        var weights = names.ToDictionary(c => c, _ => (double)random.Next(1, 4));
        var clients = names.Take(8).ToList();
        clients.ForEach(c => sorter.Add(c, weights[c]));
        var inactive = new HashSet<string>(StringComparer.Ordinal);

        for (int step = 0; step < 3000; step++)
        {
            var client = clients[random.Next(clients.Count)];
            var held = sorter.AllocationOf(client);
            var change = new ResourceSet(random.Next(0, 5), random.Next(0, 50), random.Next(0, 50), random.Next(0, 2));
            switch (random.Next(12))
            {
                case >= 10:
                    // Deactivated clients leave the order, keep their allocation, and come back at their share.
                    if (!inactive.Remove(client))
                    {
                        inactive.Add(client);
                        sorter.Deactivate(client);
                    }
                    else
                    {
                        sorter.Activate(client);
                    }

                    break;
                case < 4:
                    sorter.Allocated(client, change);
                    break;
                case < 8:
                    sorter.Unallocated(client, new ResourceSet(
                        Math.Min(held.Cpus, change.Cpus), Math.Min(held.Mem, change.Mem), Math.Min(held.Disk, change.Disk), Math.Min(held.Gpus, change.Gpus)));
                    break;
                case 8:
                    total = new ResourceSet(random.Next(50, 200), random.Next(500, 2000), random.Next(0, 2000), random.Next(0, 16));
                    sorter.SetTotal(total);
                    break;
                default:
                    // A client leaves, or one comes (back) with a new weight and nothing allocated.
                    var name = names[random.Next(names.Count)];
                    inactive.Remove(name);
                    if (clients.Remove(name) && clients.Count > 0)
                    {
                        sorter.Remove(name);
                    }
                    else
                    {
                        clients.Add(name);
                        weights[name] = random.Next(1, 4);
                        sorter.Remove(name);
                        sorter.Add(name, weights[name]);
                    }

                    break;
            }

            var expected = clients
                .Where(c => !inactive.Contains(c))
                .OrderBy(c => Dominant(sorter.AllocationOf(c), total) / weights[c])
                .ThenBy(c => c, StringComparer.Ordinal)
                .ToList();
            Assert.True(expected.SequenceEqual(sorter.Sort()), $"step {step}: expected {string.Join(",", expected)}, got {string.Join(",", sorter.Sort())}");
            var skipped = clients.Where(_ => random.Next(3) > 0).ToHashSet();
            Assert.Equal(expected.FirstOrDefault(c => !skipped.Contains(c)), sorter.First(skipped.Contains));
            Assert.All(clients, c => Assert.Equal(Dominant(sorter.AllocationOf(c), total) / weights[c], sorter.Share(c), 12));
        }
    }

    // Offer to the first client in order while its next task fits; stop when it does not.
    private static Dictionary<string, int> ProgressiveFilling(DrfSorter sorter, ResourceSet total, Dictionary<string, ResourceSet> tasks)
    {
        var free = total;
        var launched = tasks.Keys.ToDictionary(k => k, _ => 0);
        while (true)
        {
            var next = sorter.Sort().First();
            if (!free.Contains(tasks[next]))
            {
                return launched;
            }

            free -= tasks[next];
            sorter.Allocated(next, tasks[next]);
            launched[next]++;
        }
    }

    private static double Dominant(ResourceSet allocation, ResourceSet total) =>
        ResourceSet.ScalarNames.Where(n => total.Scalar(n) > 0).Select(n => allocation.Scalar(n) / total.Scalar(n)).DefaultIfEmpty(0).Max();
}
