using Mesos.Orleans.Core.Allocation;
using static Mesos.Orleans.Core.Tests.Support.Cluster;

namespace Mesos.Orleans.Core.Tests.Allocation;

/// <summary>What every <see cref="ISorter"/> must do, whatever order it sorts in.</summary>
public abstract class SorterContractTests
{
    protected abstract ISorter Create();

    private ISorter CreateWith(params string[] clients)
    {
        var sorter = Create();
        sorter.SetTotal(R("cpus:10;mem:1000"));
        foreach (var client in clients)
        {
            sorter.Add(client);
        }

        return sorter;
    }

    [Fact]
    public void Sorter_Add_MakesTheClientKnownWithNothingAllocated()
    {
        var sorter = CreateWith("a");

        Assert.True(sorter.Contains("a"));
        Assert.False(sorter.Contains("b"));
        Assert.Equal(R(""), sorter.AllocationOf("a"));
        Assert.Equal(["a"], sorter.Sort());
    }

    [Fact]
    public void Sorter_AddTwice_KeepsOneClientAndItsAllocation()
    {
        var sorter = CreateWith("a");
        sorter.Allocated("a", R("cpus:1"));

        sorter.Add("a", 3);

        Assert.Equal(["a"], sorter.Sort());
        Assert.Equal(R("cpus:1"), sorter.AllocationOf("a"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Sorter_Add_RejectsNonPositiveWeights(double weight) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Create().Add("a", weight));

    [Fact]
    public void Sorter_Remove_ForgetsTheClient()
    {
        var sorter = CreateWith("a", "b");
        sorter.Allocated("a", R("cpus:1"));

        sorter.Remove("a");
        sorter.Remove("unknown");

        Assert.False(sorter.Contains("a"));
        Assert.Equal(["b"], sorter.Sort());
        Assert.Throws<KeyNotFoundException>(() => sorter.AllocationOf("a"));
    }

    [Fact]
    public void Sorter_RemoveThenAdd_StartsFromNothing()
    {
        var sorter = CreateWith("a");
        sorter.Allocated("a", R("cpus:1"));

        sorter.Remove("a");
        sorter.Add("a");

        Assert.Equal(R(""), sorter.AllocationOf("a"));
    }

    [Fact]
    public void Sorter_AllocatedAndUnallocated_TrackTheAllocation()
    {
        var sorter = CreateWith("a", "b");

        sorter.Allocated("a", R("cpus:1;mem:100;ports:[1-2]"));
        sorter.Allocated("a", R("cpus:0.5;ports:[3-3]"));
        sorter.Unallocated("a", R("mem:40;ports:[1-1]"));
        sorter.Allocated("b", R("gpus:1"));

        Assert.Equal(R("cpus:1.5;mem:60;ports:[2-3]"), sorter.AllocationOf("a"));
        Assert.Equal(R("gpus:1"), sorter.AllocationOf("b"));
    }

    [Fact]
    public void Sorter_UnallocatingMoreThanAllocated_Throws()
    {
        var sorter = CreateWith("a");
        sorter.Allocated("a", R("cpus:1"));

        Assert.Throws<InvalidOperationException>(() => sorter.Unallocated("a", R("cpus:2")));
        Assert.Equal(R("cpus:1"), sorter.AllocationOf("a"));
        Assert.Equal(["a"], sorter.Sort());
    }

    [Fact]
    public void Sorter_UnknownClient_Throws()
    {
        var sorter = CreateWith("a");

        Assert.Throws<KeyNotFoundException>(() => sorter.Allocated("b", R("cpus:1")));
        Assert.Throws<KeyNotFoundException>(() => sorter.AllocationOf("b"));
    }

    [Fact]
    public void Sorter_Sort_ListsEveryClientOnce()
    {
        var sorter = CreateWith("c", "a", "d", "b");
        sorter.Allocated("d", R("cpus:5"));
        sorter.Allocated("a", R("mem:300"));

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(["a", "b", "c", "d"], sorter.Sort().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Sorter_Deactivated_LeavesTheOrderAndKeepsItsAllocation()
    {
        var sorter = CreateWith("a", "b");
        sorter.Allocated("a", R("cpus:1"));

        sorter.Deactivate("a");
        sorter.Deactivate("a");
        sorter.Allocated("a", R("mem:10"));

        Assert.True(sorter.Contains("a"));
        Assert.Equal(R("cpus:1;mem:10"), sorter.AllocationOf("a"));
        for (int i = 0; i < 20; i++)
        {
            Assert.Equal(["b"], sorter.Sort());
            Assert.Equal("b", sorter.First());
            Assert.Null(sorter.First(c => c == "b"));
        }
    }

    [Fact]
    public void Sorter_Activate_PutsItBack()
    {
        var sorter = CreateWith("a", "b");
        sorter.Deactivate("a");

        sorter.Activate("a");
        sorter.Activate("b");

        Assert.Equal(["a", "b"], sorter.Sort().Order(StringComparer.Ordinal));
        Assert.Equal("a", sorter.First(c => c == "b"));
    }

    [Fact]
    public void Sorter_DeactivatedThenRemoved_IsGone()
    {
        var sorter = CreateWith("a", "b");
        sorter.Deactivate("a");

        sorter.Remove("a");
        sorter.Add("a");

        Assert.Equal(["a", "b"], sorter.Sort().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Sorter_ActivateOrDeactivate_UnknownClient_Throws()
    {
        var sorter = CreateWith("a");

        Assert.Throws<KeyNotFoundException>(() => sorter.Deactivate("b"));
        Assert.Throws<KeyNotFoundException>(() => sorter.Activate("b"));
    }

    [Fact]
    public void Sorter_First_SkipsWhatItIsToldTo()
    {
        var sorter = CreateWith("a", "b", "c");
        sorter.Allocated("a", R("cpus:2"));

        for (int i = 0; i < 20; i++)
        {
            Assert.Equal("b", sorter.First(c => c != "b"));
            Assert.True(sorter.First(c => c == "a") is "b" or "c");
            Assert.True(sorter.First() is "a" or "b" or "c");
        }
    }

    [Fact]
    public void Sorter_First_NullWhenEverythingIsSkippedOrNothingIsThere()
    {
        Assert.Null(CreateWith("a", "b").First(_ => true));
        Assert.Null(CreateWith().First());
    }

    [Fact]
    public void Sorter_First_AfterRemove_NeverNamesTheRemoved()
    {
        var sorter = CreateWith("a", "b", "c");

        sorter.Remove("a");
        sorter.Remove("c");

        Assert.Equal("b", sorter.First());
    }
}

public sealed class DrfSorterContractTests : SorterContractTests
{
    protected override ISorter Create() => new DrfSorter();
}

public sealed class RandomSorterContractTests : SorterContractTests
{
    protected override ISorter Create() => new RandomSorter(new Random(42));
}
