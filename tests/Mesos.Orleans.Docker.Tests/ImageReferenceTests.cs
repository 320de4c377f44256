using Mesos.Orleans.Docker.Images;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

public sealed class ImageReferenceTests
{
    [Theory]
    [InlineData("busybox", "busybox", "latest")]
    [InlineData("busybox:1.36", "busybox", "1.36")]
    [InlineData("registry.local:5000/team/app", "registry.local:5000/team/app", "latest")]
    [InlineData("registry.local:5000/team/app:v2", "registry.local:5000/team/app", "v2")]
    [InlineData("app@sha256:0123abcd", "app", "sha256:0123abcd")]
    public void ImageReference_SplitsIntoFromImageAndTag(string reference, string fromImage, string tag) =>
        Assert.Equal((fromImage, tag), ImageReference.Split(reference));
}
