using System.Net;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>Marathon's event stream, <c>/v2/events</c>, on a real <c>up</c>.</summary>
public sealed class MarathonEventsTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    private UpProcess Up => fixture.Up;

    [Fact]
    public async Task Events_FollowADeploymentFromInfoToSuccessAndADeleteToTermination()
    {
        await using var stream = await SseStream.OpenAsync(Up.Server + "/v2/events");
        await stream.UntilAsync(e => e.Count > 0, "the stream to attach");

        var created = await HttpReply.SendAsync(Up.Http, HttpMethod.Post, "v2/apps",
            """{"id":"/evented","cmd":"sleep 1000","cpus":0.1,"mem":16,"instances":1}""");
        var deployment = created.Header("Marathon-Deployment-Id");
        var events = await stream.UntilAsync(e => e.Any(x => x.Type == "deployment_success" && (string?)x.Data["id"] == deployment),
            "the deployment to succeed");

        Assert.Equal("event_stream_attached", events[0].Type);
        Assert.Equal("127.0.0.1", (string?)events[0].Data["remoteAddress"]);
        var info = Index(events, e => e.Type == "deployment_info" && (string?)e.Data["plan"]!["id"] == deployment);
        var running = Index(events, e => e.Type == "status_update_event" && (string?)e.Data["appId"] == "/evented" && (string?)e.Data["taskStatus"] == "TASK_RUNNING");
        var step = Index(events, e => e.Type == "deployment_step_success" && (string?)e.Data["plan"]!["id"] == deployment);
        var success = Index(events, e => e.Type == "deployment_success" && (string?)e.Data["id"] == deployment);
        Assert.True(info < running && running < step && step < success, string.Join('\n', events));
        Assert.Equal("StartApplication", (string?)events[info].Data["currentStep"]!["actions"]![0]!["action"]);
        Assert.Equal("/evented", (string?)events[info].Data["plan"]!["steps"]![0]!["actions"]![0]!["app"]);
        var update = events[running].Data;
        Assert.False(string.IsNullOrEmpty((string?)update["slaveId"]));
        Assert.Equal("status_update_event", (string?)update["eventType"]);
        Assert.Contains(events, e => e.Type == "instance_changed_event" && (string?)e.Data["runSpecId"] == "/evented" && (string?)e.Data["condition"] == "Running");
        var post = events.Single(e => e.Type == "api_post_event");
        Assert.Equal(("/v2/apps", "/evented"), ((string?)post.Data["uri"], (string?)post.Data["appDefinition"]!["id"]));

        var deleted = await HttpReply.SendAsync(Up.Http, HttpMethod.Delete, "v2/apps/evented");
        var stop = (string?)deleted.Json!["deploymentId"];
        var after = await stream.UntilAsync(e => e.Any(x => x.Type == "deployment_success" && (string?)x.Data["id"] == stop), "the delete to succeed");
        var terminated = Index(after, e => e.Type == "app_terminated_event" && (string?)e.Data["appId"] == "/evented");
        var stopped = Index(after, e => e.Type == "deployment_success" && (string?)e.Data["id"] == stop);
        Assert.True(Index(after, e => e.Type == "deployment_info" && (string?)e.Data["plan"]!["id"] == stop) < terminated && terminated < stopped);
        Assert.Equal("StopApplication", (string?)after[stopped].Data["plan"]!["steps"]![0]!["actions"]![0]!["action"]);
    }

    [Fact]
    public async Task Events_KeepOnlyTheRequestedTypesAndReportDeclarativeWrites()
    {
        await using var stream = await SseStream.OpenAsync(Up.Server + "/v2/events?event_type=api_post_event&event_type=deployment_success");
        Assert.Equal(0, (await Up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("filtered", "sleep 1000", instances: 0)))).ExitCode);

        var scale = await Up.CliAsync("scale", "app", "filtered", "--instances", "1");
        var events = await stream.UntilAsync(
            e => e.Count(x => x.Type == "deployment_success") >= 2 && e.Any(x => (string?)x.Data["uri"] == "/apis/v1/apps/filtered/scale"),
            "the apply, the scale and their deployments");

        Assert.Equal(0, scale.ExitCode);
        Assert.All(events, e => Assert.True(e.Type is "api_post_event" or "deployment_success", e.ToString()));
        Assert.Equal(["/apis/v1/apply", "/apis/v1/apps/filtered/scale"], events.Where(e => e.Type == "api_post_event").Select(e => (string)e.Data["uri"]!));
    }

    [Fact]
    public async Task Events_FollowARestartAndACancelledDeployment()
    {
        await using var stream = await SseStream.OpenAsync(Up.Server + "/v2/events?event_type=deployment_info&event_type=deployment_success&event_type=deployment_failed");
        var created = await HttpReply.SendAsync(Up.Http, HttpMethod.Post, "v2/apps",
            """{"id":"/evented-actions","cmd":"sleep 1000","cpus":0.1,"mem":16,"instances":1}""");
        await stream.UntilAsync(e => e.Any(x => x.Type == "deployment_success" && (string?)x.Data["id"] == created.Header("Marathon-Deployment-Id")), "the creation");

        var restart = (string?)(await HttpReply.SendAsync(Up.Http, HttpMethod.Post, "v2/apps/evented-actions/restart")).Json!["deploymentId"];
        var restarted = await stream.UntilAsync(e => e.Any(x => x.Type == "deployment_success" && (string?)x.Data["id"] == restart), "the restart");
        var info = restarted.Single(e => e.Type == "deployment_info" && (string?)e.Data["plan"]!["id"] == restart);
        Assert.Equal("RestartApplication", (string?)info.Data["currentStep"]!["actions"]![0]!["action"]);

        var stuck = (string?)(await HttpReply.SendAsync(Up.Http, HttpMethod.Put, "v2/apps/evented-actions", """{"cpus": 64}""")).Json!["deploymentId"];
        var cancel = await HttpReply.SendAsync(Up.Http, HttpMethod.Delete, $"v2/deployments/{stuck}?force=true");
        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        var after = await stream.UntilAsync(e => e.Any(x => x.Type == "deployment_failed" && (string?)x.Data["id"] == stuck), "the cancelled deployment to fail");
        Assert.DoesNotContain(after, e => e.Type == "deployment_success" && (string?)e.Data["id"] == stuck);
    }

    [Fact]
    public async Task Events_AreServedAsServerSentEvents()
    {
        using var http = new HttpClient { BaseAddress = new Uri(Up.Server) };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v2/events");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
    }

    private static int Index(IReadOnlyList<SseEvent> events, Func<SseEvent, bool> match)
    {
        for (int i = 0; i < events.Count; i++)
        {
            if (match(events[i]))
            {
                return i;
            }
        }

        throw new Xunit.Sdk.XunitException("no such event in:\n" + string.Join('\n', events));
    }
}
