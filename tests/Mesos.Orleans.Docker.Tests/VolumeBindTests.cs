using Mesos.Orleans.Docker.Containers;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

public sealed class VolumeBindTests
{
    [Theory]
    [InlineData("/srv/data:/data", "/srv/data", "/data", false)]
    [InlineData("/srv/data:/data:ro", "/srv/data", "/data", true)]
    [InlineData("/srv/data:/data:rw", "/srv/data", "/data", false)]
    [InlineData("cache:/cache:ro,z", "cache", "/cache", true)]
    public void VolumeBind_ParsesTheApiForm(string value, string source, string target, bool readOnly) =>
        Assert.Equal(new VolumeBind(source, target, readOnly), VolumeBind.Parse(value));

    [Fact]
    public void VolumeBind_WritesTheModeExplicitly()
    {
        Assert.Equal("/a:/b:ro", new VolumeBind("/a", "/b", ReadOnly: true).ToString());
        Assert.Equal("/a:/b:rw", new VolumeBind("/a", "/b").ToString());
    }

    [Fact]
    public void VolumeBind_RejectsABindWithoutTarget() =>
        Assert.Throws<FormatException>(() => VolumeBind.Parse("/only-source"));
}
