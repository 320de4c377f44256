using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.Api.Marathon;

namespace Mesos.Orleans.Master.Tests.Api;

public sealed class MarathonRoutesTests
{
    [Theory]
    [InlineData("team/web/tasks/web.instance-1._app.1", "/team/web", "tasks", "web.instance-1._app.1")]
    [InlineData("web/versions/2026-03-01T12:00:00.000Z", "/web", "versions", "2026-03-01T12:00:00.000Z")]
    [InlineData("web/versions", "/web", "versions", null)]
    [InlineData("team/web", "/team/web", null, null)]
    public void TryParse_ReadsTheAppTheSubresourceAndItsItem(string path, string app, string? subresource, string? item)
    {
        Assert.True(MarathonRoutes.TryParse(path, _ => false, out var id, out var sub, out var found, out _));
        Assert.Equal((app, subresource, item), (id.Path, sub, found));
    }

    [Fact]
    public void TryParse_PrefersAnAppWhoseOwnIdEndsLikeAnItem()
    {
        var existing = AppId.Parse("/a/tasks/b");

        Assert.True(MarathonRoutes.TryParse("a/tasks/b", id => id == existing, out var id, out var sub, out var item, out _));

        Assert.Equal(("/a/tasks/b", null, null), (id.Path, sub, item));
    }
}
