using Mesos.Orleans.Core.Apps;

namespace Mesos.Orleans.Core.Tests.Apps;

public class AppIdTests
{
    [Theory]
    [InlineData("/team/web", "/team/web", "team/web")]
    [InlineData("team/web", "/team/web", "team/web")]
    [InlineData("/team/web/", "/team/web", "team/web")]
    [InlineData("  web  ", "/web", "web")]
    [InlineData("a", "/a", "a")]
    [InlineData("0", "/0", "0")]
    [InlineData("a-b.c-d/x.y.z", "/a-b.c-d/x.y.z", "a-b.c-d/x.y.z")]
    [InlineData("tasks/web", "/tasks/web", "tasks/web")]
    public void AppId_Parse_PathAndName(string text, string path, string name)
    {
        Assert.True(AppId.TryParse(text, out var id, out var error), error);
        Assert.Null(error);
        Assert.Equal(path, id.Path);
        Assert.Equal(name, id.Name);
        Assert.Equal(path, id.ToString());
        Assert.Equal(id, AppId.Parse(path));
    }

    [Theory]
    [InlineData("Web")]
    [InlineData("weB")]
    [InlineData("a_b")]
    [InlineData("..")]
    [InlineData(".")]
    [InlineData("a/../b")]
    [InlineData("a/./b")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("a.-b")]
    [InlineData("a//b")]
    [InlineData("a b")]
    [InlineData("web!")]
    [InlineData("wéb")]
    public void AppId_Parse_RejectsBadSegments(string text)
    {
        Assert.False(AppId.TryParse(text, out var id, out var error));
        Assert.Equal(default, id);
        Assert.Contains("is not a valid path segment", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("   ", "must not be empty")]
    [InlineData("/", "must name an app, not the root group")]
    [InlineData("//", "must name an app, not the root group")]
    public void AppId_Parse_RejectsEmpty(string? text, string expected)
    {
        Assert.False(AppId.TryParse(text, out _, out var error));
        Assert.Equal(expected, error);
    }

    [Fact]
    public void AppId_Parse_RejectsReservedLastSegments() =>
        Assert.All(AppId.ReservedLastSegments, word =>
        {
            Assert.False(AppId.TryParse("team/" + word, out _, out var error), word);
            Assert.Equal($"must not end with the reserved word '{word}'", error);
        });

    [Fact]
    public void AppId_Parse_RejectsOverlongIds()
    {
        Assert.True(AppId.TryParse(new string('a', 200), out _, out _));
        Assert.False(AppId.TryParse(new string('a', 201), out _, out var error));
        Assert.Equal("must be at most 200 characters", error);
    }

    [Fact]
    public void AppId_Parse_ThrowsFormatExceptionNamingTheId()
    {
        var e = Assert.Throws<FormatException>(() => AppId.Parse("Bad_Name"));
        Assert.StartsWith("invalid app id 'Bad_Name': 'Bad_Name' is not a valid path segment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AppId_SafeName_ReplacesSlashes()
    {
        Assert.Equal("team_web", AppId.Parse("/team/web").SafeName);
        Assert.Equal("web", AppId.Parse("web").SafeName);
        Assert.Equal("", default(AppId).ToString());
    }

    [Theory]
    [InlineData("web")]
    [InlineData("/team/web")]
    [InlineData("a.b/c-d/e")]
    [InlineData("web.instance-x")]
    [InlineData("team.instance-1/web.instance-2")]
    public void AppId_RoundTripsThroughInstanceAndTaskIds(string app)
    {
        var id = AppId.Parse(app);
        var instance = InstanceIds.New(id, Guid.Parse("0190a5f2-7c3b-7d4e-8f00-1234567890ab"));
        var task = InstanceIds.TaskIdOf(instance);

        Assert.Equal($"{id.SafeName}.instance-0190a5f2-7c3b-7d4e-8f00-1234567890ab", instance);
        Assert.Equal(instance + "._app.1", task);
        Assert.Equal(instance, InstanceIds.InstanceIdOf(task));
        Assert.True(AppId.TryFromInstanceOrTaskId(instance, out var fromInstance), instance);
        Assert.Equal(id, fromInstance);
        Assert.True(AppId.TryFromInstanceOrTaskId(task, out var fromTask), task);
        Assert.Equal(id, fromTask);
    }

    [Theory]
    [InlineData("web")]
    [InlineData(".instance-0190a5f2")]
    [InlineData("Bad_Upper.instance-0190a5f2")]
    [InlineData("web_tasks.instance-0190a5f2")]
    public void AppId_TryFromInstanceOrTaskId_RejectsForeignIds(string text) =>
        Assert.False(AppId.TryFromInstanceOrTaskId(text, out _));

    [Fact]
    public void InstanceIds_InstanceIdOf_WithoutSuffixIsTheIdItself() =>
        Assert.Equal("web.marathon-1", InstanceIds.InstanceIdOf("web.marathon-1"));
}
