using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Core.Tests.Resources;

public class ResourceSetTests
{
    private static ResourceSet R(string text) => ResourceSet.Parse(text);

    [Fact]
    public void ResourceSet_Add_SumsScalarsAndUnitesPorts() =>
        Assert.Equal(
            R("cpus:1.5;mem:192;disk:10;gpus:1;ports:[1-4]"),
            R("cpus:1;mem:128;gpus:1;ports:[1-2]") + R("cpus:0.5;mem:64;disk:10;ports:[3-4]"));

    [Fact]
    public void ResourceSet_Subtract_RemovesScalarsAndPorts()
    {
        var rest = R("cpus:4;mem:1024;ports:[31000-31010]") - R("cpus:1;mem:24;ports:[31005-31005]");

        Assert.Equal(R("cpus:3;mem:1000;ports:[31000-31004, 31006-31010]"), rest);
        Assert.Equal(rest, R("cpus:4;mem:1024;ports:[31000-31010]").Subtract(R("cpus:1;mem:24;ports:[31005-31005]")));
    }

    [Theory]
    [InlineData("cpus:2")]
    [InlineData("mem:2048")]
    [InlineData("disk:1")]
    [InlineData("gpus:1")]
    [InlineData("ports:[31011-31011]")]
    public void ResourceSet_SubtractNotContained_Throws(string more)
    {
        var e = Assert.Throws<InvalidOperationException>(() => R("cpus:1;mem:1024;ports:[31000-31010]") - R(more));
        Assert.Contains("is not contained", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpus:1;ports:[3-4]", true)]
    [InlineData("cpus:2;mem:100;disk:10;gpus:1;ports:[1-10]", true)]
    [InlineData("", true)]
    [InlineData("cpus:2.001", false)]
    [InlineData("mem:100.001", false)]
    [InlineData("gpus:2", false)]
    [InlineData("ports:[11-11]", false)]
    [InlineData("cpus:1;ports:[9-11]", false)]
    public void ResourceSet_Contains_IncludesPorts(string other, bool expected) =>
        Assert.Equal(expected, R("cpus:2;mem:100;disk:10;gpus:1;ports:[1-10]").Contains(R(other)));

    [Fact]
    public void ResourceSet_RoundsToThreeDecimals()
    {
        Assert.Equal(0.3, (new ResourceSet(cpus: 0.1) + new ResourceSet(cpus: 0.2)).Cpus);
        Assert.Equal(new ResourceSet(cpus: 0.3), new ResourceSet(cpus: 0.1) + new ResourceSet(cpus: 0.2));
        Assert.Equal(0.123, new ResourceSet(cpus: 0.12345).Cpus);
        Assert.Equal(0.002, new ResourceSet(mem: 0.0015).Mem);
    }

    [Fact]
    public void ResourceSet_RepeatedAddAndSubtract_NeverDrifts()
    {
        var tenth = new ResourceSet(cpus: 0.1, mem: 0.1, disk: 0.1, gpus: 0.1);
        var sum = ResourceSet.Empty;
        for (int i = 0; i < 80; i++)
        {
            sum += tenth;
        }

        Assert.Equal(new ResourceSet(8, 8, 8, 8), sum);
        for (int i = 0; i < 80; i++)
        {
            sum -= tenth;
        }

        Assert.True(sum.IsEmpty, $"expected nothing left, got {sum}");
        Assert.Equal(ResourceSet.Empty, sum);
    }

    [Fact]
    public void ResourceSet_RandomAddsThenSubtracts_ReturnExactlyToStart()
    {
        var random = new Random(7);
        var start = R("cpus:16;mem:65536;disk:100000");
        var parts = Enumerable.Range(0, 1000)
            .Select(_ => new ResourceSet(random.Next(1, 1000) / 1000.0, random.Next(1, 100000) / 1000.0))
            .ToList();

        var total = parts.Aggregate(start, (acc, p) => acc + p);
        var back = parts.AsEnumerable().Reverse().Aggregate(total, (acc, p) => acc - p);

        Assert.Equal(start, back);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-0.01)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void ResourceSet_RejectsNegativeOrNonFiniteScalars(double cpus) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ResourceSet(cpus: cpus));

    [Fact]
    public void ResourceSet_Parse_MesosResourcesFlag()
    {
        var resources = R("cpus:4;mem:8192;disk:10000;ports:[31000-32000]");

        Assert.Equal(4, resources.Cpus);
        Assert.Equal(8192, resources.Mem);
        Assert.Equal(10000, resources.Disk);
        Assert.Equal(0, resources.Gpus);
        Assert.Equal(RangeSet.Of(31000, 32000), resources.Ports);
        Assert.Equal("cpus:4;mem:8192;disk:10000;ports:[31000-32000]", resources.ToString());
    }

    [Fact]
    public void ResourceSet_Parse_ToleratesSpacesAndOrder() =>
        Assert.Equal(new ResourceSet(0.5, 256, gpus: 2, ports: RangeSet.Parse("[8080-8081]")), R(" gpus: 2 ; ports: [8080-8081] ; mem:256;cpus:0.5; "));

    [Theory]
    [InlineData("cpus", "'cpus' is not name:value")]
    [InlineData(":4", "':4' is not name:value")]
    [InlineData("cpus:abc", "'abc' is not a non-negative number for cpus")]
    [InlineData("cpus:-1", "'-1' is not a non-negative number for cpus")]
    [InlineData("mem:NaN", "'NaN' is not a non-negative number for mem")]
    [InlineData("disk:1e400", "'1e400' is not a non-negative number for disk")]
    [InlineData("foo:1", "unknown resource 'foo' (known: cpus, mem, disk, gpus, ports)")]
    [InlineData("cpus:1;ports:[2-1]", "range '2-1' ends before it begins")]
    public void ResourceSet_Parse_RejectsBadText(string text, string expectedError)
    {
        Assert.False(ResourceSet.TryParse(text, out var resources, out var error));
        Assert.Equal(expectedError, error);
        Assert.Same(ResourceSet.Empty, resources);
        Assert.Equal(expectedError, Assert.Throws<FormatException>(() => R(text)).Message);
    }

    [Fact]
    public void ResourceSet_ToString_LeavesOutZeros()
    {
        Assert.Equal("{}", ResourceSet.Empty.ToString());
        Assert.Equal("mem:0.5;gpus:1", new ResourceSet(mem: 0.5, gpus: 1).ToString());
        Assert.Equal("ports:[1-2]", new ResourceSet(ports: RangeSet.Of(1, 2)).ToString());
    }

    [Fact]
    public void ResourceSet_Scalar_ByName()
    {
        var resources = R("cpus:1;mem:2;disk:3;gpus:4;ports:[10-14]");

        Assert.Equal([1d, 2, 3, 4, 5], ((string[])["cpus", "mem", "disk", "gpus", "ports"]).Select(resources.Scalar));
        Assert.Equal(["cpus", "mem", "disk", "gpus"], ResourceSet.ScalarNames);
        Assert.Throws<ArgumentOutOfRangeException>(() => resources.Scalar("bogus"));
    }

    [Fact]
    public void ResourceSet_WithPorts_AndWithoutPorts()
    {
        var resources = R("cpus:1;ports:[10-14]");

        Assert.Equal(R("cpus:1"), resources.WithoutPorts());
        Assert.Equal(R("cpus:1;ports:[20-20]"), resources.WithPorts(RangeSet.Of(20, 20)));
        Assert.True(ResourceSet.Empty.IsEmpty);
        Assert.False(R("ports:[1-1]").IsEmpty);
    }
}
