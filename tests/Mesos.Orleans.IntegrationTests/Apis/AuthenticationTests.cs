using System.Net;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>Bearer-token authentication of a real <c>up</c>: with a token file, and turned on by a non-loopback address.</summary>
public sealed class AuthenticationTests
{
    private static readonly string[] ProtectedPaths =
        ["v2/apps", "v2/info", "v2/events", "apis/v1/apps", "apis/v1/tasks", "master/state", "metrics/snapshot", "no/such/endpoint"];

    [Fact]
    public async Task TokenFile_EveryEndpointButPingAndHealthNeedsOneOfItsTokens()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("mesos-orleans-tokens-").FullName, "tokens");
        await File.WriteAllTextAsync(file, "# API tokens\nfirst-token-0123456789\n\nsecond-token-0123456789\n");
        await using var up = await UpProcess.StartAsync(extraArgs: ["--auth-token-file", file]);

        await BannerSaysAsync(up, $"Auth:   bearer tokens from {file}; use --token-file {file}");
        Assert.Equal(HttpStatusCode.OK, (await HttpReply.SendAsync(up.Http, HttpMethod.Get, "ping")).Status);
        Assert.Equal(HttpStatusCode.OK, (await HttpReply.SendAsync(up.Http, HttpMethod.Get, "health")).Status);
        var agentToken = (await File.ReadAllLinesAsync(Path.Combine(up.DataDirectory, "agent-token")))[0];
        foreach (var path in ProtectedPaths)
        {
            foreach (var token in new[] { null, "wrong-token", "first-token-012345678", agentToken })
            {
                var refused = await HttpReply.SendAsync(up.Http, HttpMethod.Get, path, token: token);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
                Assert.Equal("Bearer", refused.Headers.WwwAuthenticate.Single().Scheme);
                Assert.Equal("""{"message":"Unauthorized"}""", refused.Body);
            }
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await HttpReply.SendAsync(up.Http, HttpMethod.Post, "v2/apps", "{}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await HttpReply.SendAsync(up.Http, HttpMethod.Get, "v2/apps", token: "first-token-0123456789")).Status);
        Assert.Equal(HttpStatusCode.OK, (await HttpReply.SendAsync(up.Http, HttpMethod.Get, "master/state", token: "second-token-0123456789")).Status);
        await using (var events = await SseStream.OpenAsync(up.Server + "/v2/events", "second-token-0123456789"))
        {
            await events.UntilAsync(e => e.Any(x => x.Type == "event_stream_attached"), "the stream to attach");
        }

        var refusedCli = await up.CliAsync("get", "apps");
        Assert.Equal(1, refusedCli.ExitCode);
        Assert.Contains("Error: Unauthorized", refusedCli.Error, StringComparison.Ordinal);
        Assert.Equal(0, (await up.CliAsync("get", "apps", "--token-file", file)).ExitCode);
        Assert.Equal(0, (await MesosOrleansExecutable.RunWithTokenAsync(up.Server, "second-token-0123456789", null, "get", "apps")).ExitCode);
        Assert.Equal(1, (await up.CliAsync("get", "apps", "--token", "wrong-token")).ExitCode);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")] // file modes are Unix's
    public async Task ListenOnAnyAddress_TurnsAuthenticationOnWithAGeneratedToken()
    {
        await using var up = await UpProcess.StartListeningAsync("0.0.0.0");

        Assert.NotNull(up.Token);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(up.TokenFile));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(up.DataDirectory, "agent-token")));
        await BannerSaysAsync(up, $"Auth:   bearer tokens from {up.TokenFile} (a new token was generated there, mode 0600)");
        Assert.Equal(HttpStatusCode.OK, (await HttpReply.SendAsync(up.Http, HttpMethod.Get, "v2/apps")).Status); // presents the token
        using var anonymous = new HttpClient { BaseAddress = new Uri(up.Server + "/") };
        Assert.Equal(HttpStatusCode.Unauthorized, (await HttpReply.SendAsync(anonymous, HttpMethod.Get, "v2/apps")).Status);

        var applied = await up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("guarded", "sleep 1000")));
        Assert.True(applied.ExitCode == 0, applied.ToString());
        await up.RunningAsync("guarded", 1);
    }

    // The harness returns at the banner's first line; the rest follows at once.
    private static Task BannerSaysAsync(UpProcess up, string line) =>
        Eventually.Until(() => up.Log.Contains(line, StringComparison.Ordinal), $"the banner to say '{line}'");
}
