using System.Net;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>Marathon's <c>/v2/apps</c> and <c>/v2/tasks</c> on a real <c>up</c>: bodies, status codes, headers, errors.</summary>
public sealed class MarathonAppsApiTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    private UpProcess Up => fixture.Up;

    [Fact]
    public async Task Apps_PostCreatesTheAppWith201ItsLocationAndDeployment()
    {
        var reply = await SendAsync(HttpMethod.Post, "v2/apps", App("/created", instances: 2));

        Assert.Equal(HttpStatusCode.Created, reply.Status);
        Assert.Equal("/v2/apps/created", reply.Headers.Location?.ToString());
        var deployment = reply.Header("Marathon-Deployment-Id");
        Assert.NotNull(deployment);
        var body = reply.Json!;
        Assert.Equal(deployment, (string?)body["deployments"]![0]!["id"]);
        Assert.Equal(("/created", "sleep 1000", 2, 0), ((string?)body["id"], (string?)body["cmd"], (int)body["instances"]!, (int)body["tasksRunning"]!));
        Assert.Equal((string?)body["version"], (string?)body["versionInfo"]!["lastConfigChangeAt"]);

        var tasks = await Eventually.Until(() => Up.GetJsonAsync("v2/apps/created/tasks"),
            t => t["tasks"]!.AsArray().Count == 2 && t["tasks"]!.AsArray().All(x => (string?)x!["state"] == "TASK_RUNNING"), "two running tasks");
        var task = tasks["tasks"]![0]!;
        Assert.Equal("/created", (string?)task["appId"]);
        Assert.StartsWith("created.instance-", (string?)task["id"], StringComparison.Ordinal);
        Assert.InRange((int)task["ports"]![0]!, Up.Ports.Begin, Up.Ports.End);
        Assert.False(string.IsNullOrEmpty((string?)task["host"]));
        Assert.False(string.IsNullOrEmpty((string?)task["slaveId"]));
        Assert.NotNull((string?)task["startedAt"]);
        Assert.Equal((string?)body["version"], (string?)task["version"]);

        var shown = (await Eventually.Until(() => Up.GetJsonAsync("v2/apps/created"), a => a["app"]!["deployments"]!.AsArray().Count == 0, "the deployment to finish"))["app"]!;
        Assert.Equal(2, (int)shown["tasksRunning"]!);
        Assert.Equal(2, shown["tasks"]!.AsArray().Count);
    }

    [Fact]
    public async Task Apps_ListFiltersByIdAndLabelAndEmbedsTasksOnRequest()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/filters/a", instances: 0, labels: """{"suite":"filters","env":"prod"}"""));
        await SendAsync(HttpMethod.Post, "v2/apps", App("/filters/b", instances: 0, labels: """{"suite":"filters","env":"dev"}"""));

        Assert.Equal(["/filters/a", "/filters/b"], Ids(await Up.GetJsonAsync("v2/apps?id=filters/")));
        Assert.Equal(["/filters/a"], Ids(await Up.GetJsonAsync("v2/apps?id=FILTERS/A")));
        Assert.Equal(["/filters/a"], Ids(await Up.GetJsonAsync("v2/apps?label=suite==filters,env!=dev")));
        Assert.Equal(["/filters/a", "/filters/b"], Ids(await Up.GetJsonAsync("v2/apps?label=env%20in%20(prod,dev),suite")));

        var plain = (await Up.GetJsonAsync("v2/apps?id=filters/a"))["apps"]![0]!.AsObject();
        var embedded = (await Up.GetJsonAsync("v2/apps?id=filters/a&embed=apps.tasks&embed=apps.lastTaskFailure"))["apps"]![0]!.AsObject();
        Assert.True(plain.ContainsKey("tasksRunning") && plain.ContainsKey("deployments"));
        Assert.False(plain.ContainsKey("tasks"));
        Assert.Empty(embedded["tasks"]!.AsArray());
        var bad = await SendAsync(HttpMethod.Get, "v2/apps?label=env%20in%20prod");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    [Fact]
    public async Task Apps_RefuseBadInputAsMarathonDoes()
    {
        var invalid = await SendAsync(HttpMethod.Post, "v2/apps", """{"id":"/invalid","cmd":"x","cpus":-1,"instnces":2,"portDefinitions":[{"name":5}]}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.Status);
        Assert.Equal("Object is not valid", (string?)invalid.Json!["message"]);
        var details = invalid.Json["details"]!.AsArray().ToDictionary(d => (string)d!["path"]!, d => d!["errors"]!.AsArray().Select(e => (string)e!).ToList());
        Assert.Equal(["must be 0 or more, not -1"], details["/cpus"]);
        Assert.Equal(["unknown field (did you mean 'instances'?)"], details["/instnces"]);
        Assert.Equal(["must be a string, not number 5"], details["/portDefinitions(0)/name"]);

        var malformed = await SendAsync(HttpMethod.Post, "v2/apps", "{\"id\": \"/x\",");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.Status);
        Assert.Equal("Invalid JSON", (string?)malformed.Json!["message"]);
        Assert.EndsWith("at line 1, column 12", (string?)malformed.Json["details"]![0]!["errors"]![0], StringComparison.Ordinal);

        await SendAsync(HttpMethod.Post, "v2/apps", App("/duplicate", instances: 0));
        var duplicate = await SendAsync(HttpMethod.Post, "v2/apps", App("/duplicate", instances: 0));
        Assert.Equal(HttpStatusCode.Conflict, duplicate.Status);
        Assert.Equal("""{"message":"An app with id [/duplicate] already exists."}""", duplicate.Body);

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Patch, HttpMethod.Delete })
        {
            var missing = await SendAsync(method, "v2/apps/missing", method == HttpMethod.Patch ? "{}" : null);
            Assert.Equal(HttpStatusCode.NotFound, missing.Status);
            Assert.Equal("""{"message":"App '/missing' does not exist"}""", missing.Body);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "v2/apps/missing/tasks")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(HttpMethod.Put, "v2/apps/duplicate?force=maybe", "{}")).Status);
        // As curl does for large bodies, the client waits for "100 Continue": the 413 comes first and the body is not
        // sent (otherwise the server may close the connection while the client still writes it).
        using var large = new HttpRequestMessage(HttpMethod.Post, new Uri("v2/apps", UriKind.Relative))
        {
            Content = new StringContent("{\"id\":\"/big\",\"cmd\":\"" + new string('x', 5 * 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        large.Headers.ExpectContinue = true;
        using var tooLarge = await Up.Http.SendAsync(large);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal("""{"message":"the request body is larger than 4 MiB"}""", await tooLarge.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Apps_AChangeDuringADeploymentIsRefusedUnlessForced()
    {
        // 64 cpus fit nowhere: the deployment cannot finish.
        var created = await SendAsync(HttpMethod.Post, "v2/apps", App("/locked", cpus: 64));
        var first = created.Header("Marathon-Deployment-Id")!;

        var refused = await SendAsync(HttpMethod.Put, "v2/apps/locked", """{"instances": 2}""");
        Assert.Equal(HttpStatusCode.Conflict, refused.Status);
        Assert.Equal("App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.",
            (string?)refused.Json!["message"]);
        Assert.Equal(first, (string?)refused.Json["deployments"]![0]!["id"]);

        var deployments = (await Up.GetJsonAsync("v2/deployments")).AsArray();
        var deployment = deployments.Single(d => (string?)d!["id"] == first)!;
        Assert.Equal(["/locked"], deployment["affectedApps"]!.AsArray().Select(a => (string)a!));
        Assert.Equal("StartApplication", (string?)deployment["steps"]![0]!["actions"]![0]!["action"]);
        Assert.Equal("StartApplication", (string?)deployment["currentActions"]![0]!["action"]);
        Assert.Equal((1, 1), ((int)deployment["currentStep"]!, (int)deployment["totalSteps"]!));

        var forced = await SendAsync(HttpMethod.Put, "v2/apps/locked?force=true", """{"cpus": 0.1}""");
        Assert.Equal(HttpStatusCode.OK, forced.Status);
        var second = (string?)forced.Json!["deploymentId"];
        Assert.NotEqual(first, second);
        Assert.Equal(second, forced.Header("Marathon-Deployment-Id"));
        await Up.RunningAsync("locked", 1);
    }

    [Fact]
    public async Task Apps_PutCreatesOrUpdatesPartiallyAndPatchUpdates()
    {
        var created = await SendAsync(HttpMethod.Put, "v2/apps/updated", App("/ignored-id", instances: 1));
        Assert.Equal(HttpStatusCode.Created, created.Status);
        Assert.Equal("/v2/apps/updated", created.Headers.Location?.ToString());
        await DeployedAsync("updated");

        var patched = await SendAsync(HttpMethod.Patch, "v2/apps/updated", """{"instances": 2, "id": "/elsewhere"}""");
        Assert.Equal(HttpStatusCode.OK, patched.Status);
        Assert.Equal(patched.Header("Marathon-Deployment-Id"), (string?)patched.Json!["deploymentId"]);
        Assert.NotNull((string?)patched.Json["version"]);
        var app = (await DeployedAsync("updated"))["app"]!;
        Assert.Equal(("/updated", "sleep 1000", 2), ((string?)app["id"], (string?)app["cmd"], (int)app["instances"]!));

        var replaced = await SendAsync(HttpMethod.Put, "v2/apps/updated?partialUpdate=false", """{"instances": 1}""");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, replaced.Status);
        Assert.Equal("/", (string?)replaced.Json!["details"]![0]!["path"]);

        var scaled = await SendAsync(HttpMethod.Put, "v2/apps/updated", """{"instances": 1}""");
        Assert.Equal(HttpStatusCode.OK, scaled.Status);
        await Up.RunningAsync("updated", 1);
    }

    [Fact]
    public async Task Apps_DeleteStopsTheAppAndAnswersWithItsDeployment()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/deleted", instances: 1));
        await Up.RunningAsync("deleted", 1);

        var deleted = await SendAsync(HttpMethod.Delete, "v2/apps/deleted");

        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(deleted.Header("Marathon-Deployment-Id"), (string?)deleted.Json!["deploymentId"]);
        Assert.NotNull((string?)deleted.Json["version"]);
        await Eventually.Until(() => Up.TasksAsync("deleted"), t => t.Count == 0, "the instance to be gone");
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Get, "v2/apps/deleted")).Status);
        var deployments = (await Up.GetJsonAsync("v2/deployments")).AsArray();
        Assert.DoesNotContain(deployments, d => (string?)d!["id"] == (string?)deleted.Json["deploymentId"]);
    }

    [Fact]
    public async Task Apps_AreOneAppInBothApis()
    {
        var manifest = Manifests.App("shared-m", "sleep 1000", instances: 0)
            .Replace("  name: shared-m", "  name: shared-m\n  labels: {team: blue}\n  annotations: {owner: ops}", StringComparison.Ordinal);
        Assert.Equal(0, (await Up.CliAsync("apply", "-f", Manifests.ToFile(manifest))).ExitCode);

        var viaV2 = (await Up.GetJsonAsync("v2/apps/shared-m"))["app"]!;
        Assert.Equal(("/shared-m", "blue"), ((string?)viaV2["id"], (string?)viaV2["labels"]!["team"]));
        await DeployedAsync("shared-m");
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(HttpMethod.Patch, "v2/apps/shared-m", """{"instances": 1}""")).Status);
        var resource = await Up.GetJsonAsync("apis/v1/apps/shared-m");
        Assert.Equal(1, (int)resource["spec"]!["instances"]!);
        Assert.Equal("ops", (string?)resource["metadata"]!["annotations"]!["owner"]);

        await SendAsync(HttpMethod.Post, "v2/apps", App("/shared-v", instances: 0, labels: """{"team":"green"}"""));
        var get = await Up.CliAsync("get", "apps", "shared-v", "-o", "json");
        Assert.Equal(0, get.ExitCode);
        var asResource = JsonNode.Parse(get.Output)!;
        Assert.Equal(("shared-v", "green"), ((string?)asResource["metadata"]!["name"], (string?)asResource["metadata"]!["labels"]!["team"]));
        Assert.Contains("shared-v", (await Up.CliAsync("get", "apps")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tasks_ListsEveryTaskAndFiltersByStatus()
    {
        await SendAsync(HttpMethod.Post, "v2/apps", App("/statuses", instances: 1));
        await SendAsync(HttpMethod.Post, "v2/apps", App("/statuses-waiting", cpus: 64));
        var task = (string)(await Up.RunningAsync("statuses", 1))[0]["taskId"]!;

        var running = TaskIds(await Up.GetJsonAsync("v2/tasks?status=running"));
        var staging = TaskIds(await Up.GetJsonAsync("v2/tasks?status=staging"));
        var all = (await Up.GetJsonAsync("v2/tasks"))["tasks"]!.AsArray();

        Assert.Contains(task, running);
        Assert.DoesNotContain(task, staging);
        Assert.DoesNotContain(all, t => (string?)t!["appId"] == "/statuses-waiting"); // waiting for an offer: no task yet
    }

    [Theory]
    [InlineData("apis/v1/tasks/bad%20id", HttpStatusCode.BadRequest)]
    [InlineData("apis/v1/tasks/..%2F..%2Fetc", HttpStatusCode.BadRequest)]
    [InlineData("apis/v1/agents/-x", HttpStatusCode.BadRequest)]
    [InlineData("apis/v1/frameworks/a%00b", HttpStatusCode.BadRequest)]
    [InlineData("apis/v1/agents/no-such-agent", HttpStatusCode.NotFound)]
    [InlineData("v2/apps/..%2F..%2Fetc", HttpStatusCode.NotFound)]
    [InlineData("v2/apps/UPPER", HttpStatusCode.NotFound)]
    public async Task Ids_InRoutesAreCheckedBeforeUse(string path, HttpStatusCode status) =>
        Assert.Equal(status, (await SendAsync(HttpMethod.Get, path)).Status);

    [Fact]
    public async Task Info_PingLeaderAndInfoAnswerAsMarathon()
    {
        var ping = await SendAsync(HttpMethod.Get, "ping");
        var leader = await Up.GetJsonAsync("v2/leader");
        var info = await Up.GetJsonAsync("v2/info");

        Assert.Equal("pong", ping.Body);
        Assert.Equal($"127.0.0.1:{Up.ApiPort}", (string?)leader["leader"]);
        Assert.Equal(("mesos-orleans", true, $"127.0.0.1:{Up.ApiPort}", "apps"),
            ((string?)info["name"], (bool)info["elected"]!, (string?)info["leader"], (string?)info["frameworkId"]));
        Assert.Equal(Up.ApiPort, (int)info["http_config"]!["http_port"]!);
        Assert.Equal($"http://127.0.0.1:{Up.ApiPort}", (string?)info["marathon_config"]!["master"]);
    }

    private Task<HttpReply> SendAsync(HttpMethod method, string path, string? json = null) => HttpReply.SendAsync(Up.Http, method, path, json);

    // The app once its deployment is done.
    private Task<JsonNode> DeployedAsync(string name) =>
        Eventually.Until(() => Up.GetJsonAsync($"v2/apps/{name}"), a => a["app"]!["deployments"]!.AsArray().Count == 0, $"the deployment of {name} to finish");

    private static string App(string id, int instances = 1, double cpus = 0.1, string labels = "{}") =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $$"""{"id":"{{id}}","cmd":"sleep 1000","cpus":{{cpus}},"mem":16,"instances":{{instances}},"backoffSeconds":0.2,"labels":{{labels}}}""");

    private static List<string> Ids(JsonNode list) => list["apps"]!.AsArray().Select(a => (string)a!["id"]!).Where(id => id.StartsWith("/filters/", StringComparison.Ordinal)).ToList();

    private static List<string> TaskIds(JsonNode list) => list["tasks"]!.AsArray().Select(t => (string)t!["id"]!).ToList();
}
