using System.Net;
using Mesos.Orleans.Agent.Channel;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Channel;

/// <summary>
/// The agent's channel against real HTTP servers standing in for masters: it follows a 307 to the leader, moves on
/// after a 503 or a refused connection, stops at a 401, and presents its token.
/// </summary>
public sealed class HttpMasterChannelTests : IAsyncLifetime
{
    private const string Token = "the-agent-token";
    private readonly List<WebApplication> _servers = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Register_FollowsARedirectToTheLeader_AndKeepsTalkingToIt()
    {
        var leader = await StartAsync(Answer.Serve);
        var standby = await StartAsync(Answer.RedirectTo(leader.Url));
        using var channel = Channel(standby.Url);

        var response = await channel.RegisterAsync(Registration(), CancellationToken.None);
        await channel.HeartbeatAsync(new HeartbeatRequest(response.AgentId), CancellationToken.None);

        Assert.Equal("agent-1", response.AgentId);
        Assert.Equal(new Uri(leader.Url), channel.Current);
        Assert.Equal(1, standby.Hits);
        Assert.Equal(["/api/v1/agents/register", "/api/v1/agents/agent-1/heartbeat"], leader.Paths);
    }

    [Fact]
    public async Task Register_MovesOnAfterA503_AndAfterARefusedConnection()
    {
        var notLeading = await StartAsync(Answer.Unavailable);
        var serving = await StartAsync(Answer.Serve);
        var nobody = $"http://127.0.0.1:{FreePort.Next()}/";
        using var channel = Channel(notLeading.Url, nobody, serving.Url);

        var response = await channel.RegisterAsync(Registration(), CancellationToken.None);

        Assert.Equal("agent-1", response.AgentId);
        Assert.Equal(new Uri(serving.Url), channel.Current);
        Assert.Equal(1, notLeading.Hits);
    }

    [Fact]
    public async Task Call_WhenTheLeaderGoesAway_GoesBackToTheList()
    {
        var leader = await StartAsync(Answer.Serve);
        var other = await StartAsync(Answer.Serve);
        var standby = await StartAsync(Answer.RedirectTo(leader.Url));
        using var channel = Channel(standby.Url, other.Url);
        await channel.RegisterAsync(Registration(), CancellationToken.None);

        await leader.App.StopAsync();
        var answer = await channel.HeartbeatAsync(new HeartbeatRequest("agent-1"), CancellationToken.None);

        Assert.True(answer.Registered);
        Assert.Equal(1, standby.Hits); // the ping went to the leader, which is gone, then past the standby that named it
        Assert.Equal(["/api/v1/agents/agent-1/heartbeat"], other.Paths);
    }

    [Fact]
    public async Task Call_WhenNoMasterAnswers_FailsSayingSo()
    {
        var notLeading = await StartAsync(Answer.Unavailable);
        using var channel = Channel(notLeading.Url, $"http://127.0.0.1:{FreePort.Next()}/");

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => channel.RegisterAsync(Registration(), CancellationToken.None));

        Assert.StartsWith("no master answered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_RefusedToken_FailsAt401_WithoutTryingOthers()
    {
        var refusing = await StartAsync(Answer.Serve);
        var other = await StartAsync(Answer.Serve);
        using var channel = new HttpMasterChannel([new Uri(refusing.Url), new Uri(other.Url)], "a-wrong-token", NullLogger<HttpMasterChannel>.Instance);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => channel.RegisterAsync(Registration(), CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("refused this agent's token", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.Hits);
    }

    private static HttpMasterChannel Channel(params string[] masters) =>
        new([.. masters.Select(m => new Uri(m))], Token, NullLogger<HttpMasterChannel>.Instance);

    private static RegisterAgentRequest Registration() => new()
    {
        Hostname = "node-1",
        Endpoint = "http://127.0.0.1:1/",
        Resources = ResourceSet.Parse("cpus:1;mem:128"),
    };

    private async Task<FakeMaster> StartAsync(Func<HttpContext, Task> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{FreePort.Next()}");
        var app = builder.Build();
        var master = new FakeMaster(app);
        app.Run(async context =>
        {
            master.Record(context.Request.Path.Value!);
            if (context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await answer(context);
        });
        await app.StartAsync();
        _servers.Add(app);
        return master;
    }

    private sealed class FakeMaster(WebApplication app)
    {
        private readonly List<string> _paths = [];

        public WebApplication App => app;

        public string Url => app.Urls.Single() + "/";

        public int Hits
        {
            get
            {
                lock (_paths)
                {
                    return _paths.Count;
                }
            }
        }

        public IReadOnlyList<string> Paths
        {
            get
            {
                lock (_paths)
                {
                    return [.. _paths];
                }
            }
        }

        public void Record(string path)
        {
            lock (_paths)
            {
                _paths.Add(path);
            }
        }
    }

    private static class Answer
    {
        public static Task Serve(HttpContext context) => context.Request.Path.Value switch
        {
            "/api/v1/agents/register" => context.Response.WriteAsJsonAsync(
                new RegisterAgentResponse { AgentId = "agent-1", HeartbeatInterval = TimeSpan.FromSeconds(5) }, Json.Options),
            var path when path!.EndsWith("/heartbeat", StringComparison.Ordinal) => context.Response.WriteAsJsonAsync(new HeartbeatResponse(true), Json.Options),
            _ => context.Response.WriteAsJsonAsync(new StatusUpdateAck([]), Json.Options),
        };

        public static Task Unavailable(HttpContext context)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }

        public static Func<HttpContext, Task> RedirectTo(string leader) => context =>
        {
            context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
            context.Response.Headers.Location = new Uri(new Uri(leader), context.Request.Path.Value!.TrimStart('/')).ToString();
            return Task.CompletedTask;
        };
    }
}
