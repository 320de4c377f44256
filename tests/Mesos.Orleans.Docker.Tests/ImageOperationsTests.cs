using Mesos.Orleans.Testing;
using System.Net;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Images;
using Mesos.Orleans.Docker.Tests.Support;
using Mesos.Orleans.Testing.Docker;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

[Collection(DockerEngineCollectionDefinition.Name)]
public sealed class ImageOperationsTests(DockerEngineFixture engine)
{
    private DockerClient Client => engine.Client;

    [Fact]
    public async Task ImageOperations_InspectDescribesTheImportedTestImage()
    {
        using var cts = TestTimeout.Start();

        var image = await Client.Images.InspectAsync(DockerEngineFixture.TestImage, cts.Token);

        Assert.NotNull(image);
        Assert.StartsWith("sha256:", image.Id, StringComparison.Ordinal);
        Assert.Contains(DockerEngineFixture.TestImage, image.RepoTags ?? []);
        Assert.Equal("linux", image.Os);
    }

    [Fact]
    public async Task ImageOperations_InspectReturnsNullForAMissingImage()
    {
        using var cts = TestTimeout.Start();

        Assert.Null(await Client.Images.InspectAsync("mesos-orleans-test/absent:" + Guid.NewGuid().ToString("N"), cts.Token));
    }

    [Fact]
    public async Task ImageOperations_RemoveOfAMissingImageRaisesNotFound()
    {
        using var cts = TestTimeout.Start();

        var error = await Assert.ThrowsAsync<DockerNotFoundException>(
            () => Client.Images.RemoveAsync("mesos-orleans-test/absent:" + Guid.NewGuid().ToString("N"), cancellationToken: cts.Token));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("No such image", error.EngineMessage, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ImageOperations_ImportCreatesAnImageFromATarball()
    {
        using var cts = TestTimeout.Start();
        var tag = "import-" + Guid.NewGuid().ToString("N")[..8];
        using var tarball = new MemoryStream();
        await TestImageBuilder.WriteRootFsAsync(tarball, "/bin/busybox", cts.Token);
        tarball.Position = 0;

        var id = await Client.Images.ImportAsync(tarball, TestImageBuilder.Repository, tag, cts.Token);
        try
        {
            var image = await Client.Images.InspectAsync($"{TestImageBuilder.Repository}:{tag}", cts.Token);
            Assert.NotNull(image);
            Assert.Equal(id, image.Id);
        }
        finally
        {
            await Client.Images.RemoveAsync($"{TestImageBuilder.Repository}:{tag}", cancellationToken: cts.Token);
        }
    }

    [Fact]
    public async Task ImageOperations_PullFromAnUnreachableRegistryRaisesPullException()
    {
        using var cts = TestTimeout.Start(TimeSpan.FromSeconds(60));
        var image = $"127.0.0.1:{FreePort.Next()}/mesos-orleans-test/unreachable:latest";

        var error = await Assert.ThrowsAsync<DockerImagePullException>(() => Client.Images.PullAsync(image, cancellationToken: cts.Token));

        Assert.Equal(image, error.Image);
        Assert.False(error.ReportedInStream);
        Assert.Contains("connection refused", error.EngineMessage, StringComparison.Ordinal);
        Assert.IsType<DockerApiException>(error.InnerException);
    }

    [Fact]
    public async Task ImageOperations_PullReportsProgressAndStoresTheImage()
    {
        using var cts = TestTimeout.Start();
        using var registry = FakeRegistry.Start(corruptLayer: false);
        var image = registry.Reference("v1");
        var progress = new RecordingProgress<ImagePullProgress>();

        await Client.Images.PullAsync(image, progress, cts.Token);
        try
        {
            var pulled = await Client.Images.InspectAsync(image, cts.Token);
            Assert.NotNull(pulled);
            Assert.Contains(image, pulled.RepoTags ?? []);
            Assert.Contains(progress.Reports, p => p.Status == "Pull complete" && p.Id == registry.LayerDigest[7..19]);
            Assert.Equal($"Status: Downloaded newer image for {image}", progress.Reports[^1].Status);
        }
        finally
        {
            await Client.Images.RemoveAsync(image, force: true, cts.Token);
        }
    }

    [Fact]
    public async Task ImageOperations_PullRaisesAnErrorReportedInsideTheProgressStream()
    {
        using var cts = TestTimeout.Start();
        using var registry = FakeRegistry.Start(corruptLayer: true);
        var image = registry.Reference("corrupt");
        var progress = new RecordingProgress<ImagePullProgress>();

        var error = await Assert.ThrowsAsync<DockerImagePullException>(() => Client.Images.PullAsync(image, progress, cts.Token));

        Assert.True(error.ReportedInStream);
        Assert.Null(error.InnerException);
        Assert.Equal($"filesystem layer verification failed for digest {registry.LayerDigest}", error.EngineMessage);
        Assert.NotEmpty(progress.Reports);
        Assert.Null(await Client.Images.InspectAsync(image, cts.Token));
    }
}
