using Mesos.Orleans.Master.Security;

namespace Mesos.Orleans.Master.Tests.Security;

public sealed class BearerTokensTests
{
    [Fact]
    public void Accepts_OnlyTheTokensItHolds()
    {
        var tokens = new BearerTokens(["alpha", " beta ", "", "alpha"]);

        Assert.Equal(2, tokens.Count);
        Assert.True(tokens.Accepts("alpha"));
        Assert.True(tokens.Accepts("beta"));
        Assert.False(tokens.Accepts("alph"));
        Assert.False(tokens.Accepts("alphaa"));
        Assert.False(tokens.Accepts(""));
        Assert.False(tokens.Accepts(null));
    }

    [Fact]
    public void Accepts_NothingWhenEmpty() => Assert.False(new BearerTokens([]).Accepts(""));

    [Fact]
    public void Generate_MakesLongDistinctUrlSafeTokens()
    {
        var a = BearerTokens.Generate();
        var b = BearerTokens.Generate();

        Assert.NotEqual(a, b);
        Assert.Equal(43, a.Length);
        Assert.Matches("^[A-Za-z0-9_-]+$", a);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // the system runs on Linux; file modes are Unix's
    public void ReadOrCreate_CreatesAFileOnlyItsOwnerCanRead()
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-tokens-").FullName;
        var path = Path.Combine(directory, "sub", "auth-token");

        var created = TokenFile.ReadOrCreate(path, out var wasCreated);
        var read = TokenFile.ReadOrCreate(path, out var createdAgain);

        Assert.True(wasCreated);
        Assert.False(createdAgain);
        Assert.Equal(created, read);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void Read_SkipsBlankLinesAndComments()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, "# tokens\n\n  one  \ntwo\n");

        Assert.Equal(["one", "two"], TokenFile.Read(path));
        File.Delete(path);
    }
}
