using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>
/// Marathon's actions on a real <c>up</c>: restart, versions, cancelling deployments, the launch queue and its delay,
/// and killing tasks — bodies, status codes, headers and errors.
/// </summary>
public sealed class MarathonActionsApiTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    private UpProcess Up => fixture.Up;

    [Fact]
    public async Task Restart_ReplacesEveryTaskAsADeployment()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/restarted", instances: 2));
        var before = TaskIds(await Up.RunningAsync("restarted", 2));
        await DeployedAsync("restarted");

        var restarted = await SendAsync(HttpMethod.Post, "v2/apps/restarted/restart");

        Assert.Equal(HttpStatusCode.OK, restarted.Status);
        var deployment = (string?)restarted.Json!["deploymentId"];
        Assert.Equal(restarted.Header("Marathon-Deployment-Id"), deployment);
        var app = (await DeployedAsync("restarted"))["app"]!;
        Assert.Equal((string?)restarted.Json["version"], (string?)app["version"]);
        Assert.Equal((string?)app["version"], (string?)app["versionInfo"]!["lastConfigChangeAt"]);
        var after = TaskIds(await Up.RunningAsync("restarted", 2));
        Assert.Empty(after.Intersect(before));

        var missing = await SendAsync(HttpMethod.Post, "v2/apps/no-such-app/restart");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"App '/no-such-app' does not exist"}"""), (missing.Status, missing.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Post, "v2/apps/restarted/scale")).Status);
    }

    [Fact]
    public async Task Restart_OfALockedAppIsRefusedUnlessForced()
    {
        var created = await SendAsync(HttpMethod.Post, "v2/apps", App("/restart-locked", cpus: 64)); // fits nowhere: never done

        var refused = await SendAsync(HttpMethod.Post, "v2/apps/restart-locked/restart");
        var forced = await SendAsync(HttpMethod.Post, "v2/apps/restart-locked/restart?force=true");

        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.StartsWith("App is locked by one or more deployments.", (string?)refused.Json!["message"], StringComparison.Ordinal);
        Assert.Equal(created.Header("Marathon-Deployment-Id"), (string?)refused.Json["deployments"]![0]!["id"]);
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        var deployments = (await Up.GetJsonAsync("v2/deployments")).AsArray();
        var restart = deployments.Single(d => (string?)d!["id"] == (string?)forced.Json!["deploymentId"])!;
        Assert.Equal("RestartApplication", (string?)restart["currentActions"]![0]!["action"]);
        Assert.DoesNotContain(deployments, d => (string?)d!["id"] == created.Header("Marathon-Deployment-Id"));
    }

    [Fact]
    public async Task Versions_ListEveryChangeAndShowTheDefinitionAtEach()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/versioned", instances: 1));
        var first = (string)(await DeployedAsync("versioned"))["app"]!["version"]!;
        await SendAsync(HttpMethod.Patch, "v2/apps/versioned", """{"instances": 2}""");
        var second = (string)(await DeployedAsync("versioned"))["app"]!["version"]!;

        var versions = await Up.GetJsonAsync("v2/apps/versioned/versions");
        Assert.Equal([second, first], versions["versions"]!.AsArray().Select(v => (string)v!));

        var old = await SendAsync(HttpMethod.Get, $"v2/apps/versioned/versions/{first}");
        Assert.Equal(HttpStatusCode.OK, old.Status);
        Assert.Equal(("/versioned", 1, first), ((string?)old.Json!["id"], (int)old.Json["instances"]!, (string?)old.Json["version"]));
        var current = await Up.GetJsonAsync($"v2/apps/versioned/versions/{second}");
        Assert.Equal(2, (int)current["instances"]!);
        Assert.Equal((second, first), ((string?)current["versionInfo"]!["lastScalingAt"], (string?)current["versionInfo"]!["lastConfigChangeAt"]));

        var none = await SendAsync(HttpMethod.Get, "v2/apps/versioned/versions/2001-01-01T00:00:00.000Z");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"App '/versioned' does not exist in version 2001-01-01T00:00:00.000Z"}"""), (none.Status, none.Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Get, "v2/apps/versioned/versions/yesterday")).Status);
        var missing = await SendAsync(HttpMethod.Get, "v2/apps/no-such-app/versions");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"App '/no-such-app' does not exist"}"""), (missing.Status, missing.Body));
    }

    [Fact]
    public async Task DeleteDeployment_RollsBackOrWithForceStopsWhereItIs()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/cancelled", instances: 1));
        await DeployedAsync("cancelled");
        var stuck = await SendAsync(HttpMethod.Put, "v2/apps/cancelled", """{"cpus": 64}""");
        var stuckId = (string)stuck.Json!["deploymentId"]!;

        var rolledBack = await SendAsync(HttpMethod.Delete, $"v2/deployments/{stuckId}");

        Assert.Equal(HttpStatusCode.OK, rolledBack.Status);
        var rollbackId = (string?)rolledBack.Json!["deploymentId"];
        Assert.NotEqual(stuckId, rollbackId);
        Assert.Equal(rolledBack.Header("Marathon-Deployment-Id"), rollbackId);
        var app = (await DeployedAsync("cancelled"))["app"]!;
        Assert.Equal(0.1, (double)app["cpus"]!);
        await Up.RunningAsync("cancelled", 1);

        var stuckAgain = (string)(await SendAsync(HttpMethod.Put, "v2/apps/cancelled", """{"cpus": 64}""")).Json!["deploymentId"]!;
        var forced = await SendAsync(HttpMethod.Delete, $"v2/deployments/{stuckAgain}?force=true");
        Assert.Equal((HttpStatusCode.Accepted, ""), (forced.Status, forced.Body));
        Assert.DoesNotContain((await Up.GetJsonAsync("v2/deployments")).AsArray(), d => (string?)d!["id"] == stuckAgain);
        Assert.Equal(64, (double)(await Up.GetJsonAsync("v2/apps/cancelled"))["app"]!["cpus"]!); // left as it is

        var unknown = await SendAsync(HttpMethod.Delete, $"v2/deployments/{stuckAgain}");
        Assert.Equal((HttpStatusCode.NotFound, $$"""{"message":"DeploymentPlan {{stuckAgain}} does not exist"}"""), (unknown.Status, unknown.Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Delete, "v2/deployments/a%20b")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Delete, $"v2/deployments/{stuckAgain}?force=perhaps")).Status);
    }

    [Fact]
    public async Task DeleteDeployment_OfACreationRemovesTheApp()
    {
        var created = await SendAsync(HttpMethod.Post, "v2/apps", App("/never-placed", cpus: 64));

        var rolledBack = await SendAsync(HttpMethod.Delete, $"v2/deployments/{created.Header("Marathon-Deployment-Id")}");

        Assert.Equal(HttpStatusCode.OK, rolledBack.Status);
        Assert.NotNull((string?)rolledBack.Json!["deploymentId"]);
        await Eventually.Until(() => SendAsync(HttpMethod.Get, "v2/apps/never-placed"), r => r.Status == HttpStatusCode.NotFound, "the app to be gone");
    }

    [Fact]
    public async Task Queue_ListsAppsWaitingForOffersOrHeldByTheirBackoff()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/queued-big", instances: 2, cpus: 64));
        var marker = Path.Combine(Up.DataDirectory, "queued-flaky-ran");
        var flaky = App("/queued-flaky", cmd: $"if [ -e {marker} ]; then sleep 1000; else touch {marker}; exit 1; fi", backoffSeconds: 120);
        await SendAsync(HttpMethod.Post, "v2/apps", flaky);

        var queue = await Eventually.Until(() => Up.GetJsonAsync("v2/queue"),
            q => Item(q, "/queued-big") is not null && Item(q, "/queued-flaky") is { } f && !(bool)f["delay"]!["overdue"]!, "both apps queued");
        var big = Item(queue, "/queued-big")!;
        Assert.Equal((2, "*", 0L, true), ((int)big["count"]!, (string?)big["role"], (long)big["delay"]!["timeLeftSeconds"]!, (bool)big["delay"]!["overdue"]!));
        Assert.Equal(64, (double)big["app"]!["cpus"]!);
        Assert.NotNull((string?)big["app"]!["version"]);
        Assert.NotNull((string?)big["since"]);
        var held = Item(queue, "/queued-flaky")!;
        Assert.Equal(1, (int)held["count"]!);
        Assert.InRange((long)held["delay"]!["timeLeftSeconds"]!, 60, 120);

        var reset = await SendAsync(HttpMethod.Delete, "v2/queue/queued-flaky/delay");

        Assert.Equal((HttpStatusCode.NoContent, ""), (reset.Status, reset.Body));
        await Up.RunningAsync("queued-flaky", 1);
        await Eventually.Until(() => Up.GetJsonAsync("v2/queue"), q => Item(q, "/queued-flaky") is null, "the flaky app out of the queue");
        var notQueued = await SendAsync(HttpMethod.Delete, "v2/queue/queued-flaky/delay");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"Application /queued-flaky not found in tasks queue."}"""), (notQueued.Status, notQueued.Body));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "v2/queue/no-such-app/delay")).Status);
    }

    [Fact]
    public async Task KillTask_ReplacesItOrWithScaleLowersTheInstances()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/killed", instances: 3));
        var tasks = TaskIds(await Up.RunningAsync("killed", 3));
        await DeployedAsync("killed");

        var killed = await SendAsync(HttpMethod.Delete, $"v2/apps/killed/tasks/{tasks[0]}");

        Assert.Equal(HttpStatusCode.OK, killed.Status);
        Assert.Equal((tasks[0], "/killed", "TASK_RUNNING"), ((string?)killed.Json!["task"]!["id"], (string?)killed.Json["task"]!["appId"], (string?)killed.Json["task"]!["state"]));
        await Eventually.Until(() => Up.TasksAsync("killed"),
            t => t.Count == 3 && t.All(x => (string?)x["state"] == "TASK_RUNNING") && !TaskIds(t).Contains(tasks[0]), "a replacement");

        var scaled = await SendAsync(HttpMethod.Delete, $"v2/apps/killed/tasks/{tasks[1]}?scale=true");

        Assert.Equal(HttpStatusCode.OK, scaled.Status);
        Assert.Equal(scaled.Header("Marathon-Deployment-Id"), (string?)scaled.Json!["deploymentId"]);
        Assert.NotNull((string?)scaled.Json["version"]);
        var left = TaskIds(await Up.RunningAsync("killed", 2));
        Assert.DoesNotContain(tasks[1], left);
        Assert.Equal(2, (int)(await DeployedAsync("killed"))["app"]!["instances"]!);

        var unknown = await SendAsync(HttpMethod.Delete, "v2/apps/killed/tasks/killed.instance-nope._app.1");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"Task 'killed.instance-nope._app.1' does not exist"}"""), (unknown.Status, unknown.Body));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Delete, "v2/apps/killed/tasks/bad%20id")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Delete, "v2/apps/killed/tasks/..%2F..%2Fetc")).Status);
        var both = await SendAsync(HttpMethod.Delete, $"v2/apps/killed/tasks/{left[0]}?scale=true&wipe=true");
        Assert.Equal((HttpStatusCode.BadRequest, """{"message":"You cannot use scale and wipe at the same time."}"""), (both.Status, both.Body));
        var noApp = await SendAsync(HttpMethod.Delete, $"v2/apps/no-such-app/tasks/{left[0]}");
        Assert.Equal((HttpStatusCode.NotFound, """{"message":"App '/no-such-app' does not exist"}"""), (noApp.Status, noApp.Body));
        Assert.Equal(left.Order(), TaskIds(await Up.TasksAsync("killed")).Order()); // nothing changed by the refusals
    }

    [Fact]
    public async Task KillTasks_OfAnAppByHostAndWithWipe()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/killed-all", instances: 2));
        var tasks = TaskIds(await Up.RunningAsync("killed-all", 2));

        var elsewhere = await SendAsync(HttpMethod.Delete, "v2/apps/killed-all/tasks?host=no-such-host");
        Assert.Equal((HttpStatusCode.OK, """{"tasks":[]}"""), (elsewhere.Status, elsewhere.Body));

        var wiped = await SendAsync(HttpMethod.Delete, "v2/apps/killed-all/tasks?wipe=true");

        Assert.Equal(HttpStatusCode.OK, wiped.Status);
        Assert.Equal(tasks.Order(), wiped.Json!["tasks"]!.AsArray().Select(t => (string)t!["id"]!).Order());
        var after = await Eventually.Until(() => Up.TasksAsync("killed-all"),
            t => t.Count == 2 && t.All(x => (string?)x["state"] == "TASK_RUNNING") && !TaskIds(t).Intersect(tasks).Any(), "two replacements");
        Assert.Equal(2, after.Count);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, "v2/apps/no-such-app/tasks")).Status);
    }

    [Fact]
    public async Task TasksDelete_KillsListedTasksOfAnyAppAndRefusesBadIds()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/listed-a", instances: 1));
        await SendAsync(HttpMethod.Post, "v2/apps", App("/listed-b", instances: 2));
        var a = TaskIds(await Up.RunningAsync("listed-a", 1));
        var b = TaskIds(await Up.RunningAsync("listed-b", 2));
        await DeployedAsync("listed-b");

        var killed = await SendAsync(HttpMethod.Post, "v2/tasks/delete", $$"""{"ids": ["{{a[0]}}", "{{b[0]}}", "listed-a.instance-gone._app.1"]}""");

        Assert.Equal(HttpStatusCode.OK, killed.Status);
        Assert.Equal(new[] { a[0], b[0] }.Order(), killed.Json!["tasks"]!.AsArray().Select(t => (string)t!["id"]!).Order());
        await Eventually.Until(() => Up.TasksAsync("listed-a"), t => t.Count == 1 && (string?)t[0]["state"] == "TASK_RUNNING" && (string?)t[0]["taskId"] != a[0], "a replacement in listed-a");

        var scaled = await SendAsync(HttpMethod.Post, "v2/tasks/delete?scale=true", $$"""{"ids": ["{{b[1]}}"]}""");
        Assert.Equal(HttpStatusCode.OK, scaled.Status);
        Assert.Equal(scaled.Header("Marathon-Deployment-Id"), (string?)scaled.Json!["deploymentId"]);
        Assert.Equal(1, (int)(await DeployedAsync("listed-b"))["app"]!["instances"]!);

        var notArray = await SendAsync(HttpMethod.Post, "v2/tasks/delete", """{"ids": "x"}""");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "/ids"), (notArray.Status, (string?)notArray.Json!["details"]![0]!["path"]));
        var badIds = await SendAsync(HttpMethod.Post, "v2/tasks/delete", """{"ids": ["ok.instance-1._app.1", "../etc", 5]}""");
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "/ids(2)"), (badIds.Status, (string?)badIds.Json!["details"]![0]!["path"]));
        var traversal = await SendAsync(HttpMethod.Post, "v2/tasks/delete", """{"ids": ["ok.instance-1._app.1", "../etc"]}""");
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid task id", "/ids(1)"),
            (traversal.Status, (string?)traversal.Json!["message"], (string?)traversal.Json["details"]![0]!["path"]));
        var malformed = await SendAsync(HttpMethod.Post, "v2/tasks/delete", """{"ids": [""");
        Assert.Equal((HttpStatusCode.BadRequest, "Invalid JSON"), (malformed.Status, (string?)malformed.Json!["message"]));
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Post, "v2/tasks/delete?scale=true&wipe=true", """{"ids": []}""")).Status);
    }

    private Task<HttpReply> SendAsync(HttpMethod method, string path, string? json = null) => HttpReply.SendAsync(Up.Http, method, path, json);

    // The app once its deployment is done.
    private Task<JsonNode> DeployedAsync(string name) =>
        Eventually.Until(() => Up.GetJsonAsync($"v2/apps/{name}"), a => a["app"]!["deployments"]!.AsArray().Count == 0, $"the deployment of {name} to finish");

    private static JsonNode? Item(JsonNode queue, string app) => queue["queue"]!.AsArray().FirstOrDefault(i => (string?)i!["app"]!["id"] == app);

    private static List<string> TaskIds(IEnumerable<JsonNode> tasks) => tasks.Select(t => (string)t["taskId"]!).ToList();

    private static string App(string id, int instances = 1, double cpus = 0.1, string cmd = "sleep 1000", double backoffSeconds = 0.2) =>
        string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":"{{id}}","cmd":{{JsonValue.Create(cmd).ToJsonString()}},"cpus":{{cpus}},"mem":16,"instances":{{instances}},"backoffSeconds":{{backoffSeconds}}}""");
}
