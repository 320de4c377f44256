using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Master.Api.Events;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.Tests.Support;

namespace Mesos.Orleans.Master.Tests.Api;

public sealed class MarathonViewsTests
{
    [Fact]
    public void App_WritesTheDefinitionAtTheTopLevelWithMarathonTimestamps()
    {
        var app = Snapshots.App("team/web", instances: 2);
        var instances = new[]
        {
            Snapshots.Instance(app, "team_web.instance-1", "TASK_RUNNING", healthy: true),
            Snapshots.Instance(app, "team_web.instance-2", "TASK_STAGING"),
            Snapshots.Instance(app, "team_web.instance-3", "SCHEDULED"),
        };

        var json = JsonSerializer.SerializeToNode(MarathonViews.App(app, instances, MarathonEmbeds.ShowDefault), MarathonJson.Options)!;

        Assert.Equal("/team/web", (string?)json["id"]);
        Assert.Equal("sleep 1000", (string?)json["cmd"]);
        Assert.Equal(2, (int?)json["instances"]);
        Assert.Equal("2026-03-01T12:00:00.000Z", (string?)json["version"]);
        Assert.Equal("2026-03-01T12:00:00.000Z", (string?)json["versionInfo"]!["lastConfigChangeAt"]);
        Assert.Equal((1, 1, 1, 0), ((int)json["tasksStaged"]!, (int)json["tasksRunning"]!, (int)json["tasksHealthy"]!, (int)json["tasksUnhealthy"]!));
        Assert.Equal("d1", (string?)json["deployments"]![0]!["id"]);
        var tasks = json["tasks"]!.AsArray();
        Assert.Equal(2, tasks.Count); // the scheduled instance has no task yet
        Assert.Equal("2026-03-01T12:00:02.000Z", (string?)tasks[0]!["startedAt"]);
        Assert.True((bool)tasks[0]!["healthCheckResults"]![0]!["alive"]!);
        Assert.Null(json["lastTaskFailure"]);
    }

    [Fact]
    public void App_EmbedsOnlyWhatIsAskedFor()
    {
        var app = Snapshots.App("web");

        var json = JsonSerializer.SerializeToNode(MarathonViews.App(app, [], MarathonEmbed.None), MarathonJson.Options)!.AsObject();

        Assert.False(json.ContainsKey("tasksRunning"));
        Assert.False(json.ContainsKey("deployments"));
        Assert.False(json.ContainsKey("tasks"));
    }

    [Theory]
    [InlineData("TASK_RUNNING", "Running")]
    [InlineData("TASK_KILLING", "Killing")]
    [InlineData("TASK_GONE_BY_OPERATOR", "Gone")]
    [InlineData("TASK_LOST", "Gone")]
    [InlineData("TASK_UNREACHABLE", "Unreachable")]
    [InlineData("SCHEDULED", "Scheduled")]
    public void Condition_IsMarathonsName(string state, string condition) => Assert.Equal(condition, MarathonViews.Condition(state));

    [Fact]
    public void ActionOf_TellsStartRestartAndScaleApart()
    {
        var created = Snapshots.App("web");
        var restarted = created with { Generation = 2, ConfigGeneration = 2 };
        var scaled = created with { Generation = 3, ConfigGeneration = 2 };

        Assert.Equal(MarathonDeploymentAction.Start, MarathonViews.ActionOf(created, created.Status.Deployment!));
        Assert.Equal(MarathonDeploymentAction.Restart, MarathonViews.ActionOf(restarted, Snapshots.Deploying("d2", 2, Snapshots.T0.AddSeconds(1))));
        Assert.Equal(MarathonDeploymentAction.Scale, MarathonViews.ActionOf(scaled, Snapshots.Deploying("d3", 3, Snapshots.T0.AddSeconds(2))));
    }

    [Fact]
    public void Frame_WritesTheEventAsMarathonDoes()
    {
        var frame = MarathonEventBus.Frame(new AppTerminatedEvent { AppId = "/web", Timestamp = Snapshots.T0 });

        Assert.Equal("app_terminated_event", frame.EventType);
        Assert.Equal("""{"eventType":"app_terminated_event","appId":"/web","timestamp":"2026-03-01T12:00:00.000Z"}""", frame.Data);
    }

    [Fact]
    public void Embeds_ReadBothPrefixesAndIgnoreUnknownNames()
    {
        Assert.Equal(MarathonEmbed.Counts | MarathonEmbed.Tasks | MarathonEmbed.Deployments,
            MarathonEmbeds.Parse(["apps.tasks", "app.counts", "apps.readiness", null], MarathonEmbed.None));
        Assert.Equal(MarathonEmbeds.ShowDefault, MarathonEmbeds.Parse(["apps.failures"], MarathonEmbed.None));
    }

    [Fact]
    public void Merge_ReplacesTheFieldsGivenAndACommandTheOtherKind()
    {
        var current = Snapshots.App("web").Definition.Spec;

        var merged = MarathonAppBody.Merge(current, JsonNode.Parse("""{"args": ["sleep", "5"], "instances": 4}"""))!.AsObject();

        Assert.False(merged.ContainsKey("cmd"));
        Assert.Equal(4, (int?)merged["instances"]);
        Assert.Equal("/web", (string?)merged["id"]);
        Assert.Equal(1, (double)merged["cpus"]!); // untouched: the default
    }
}
