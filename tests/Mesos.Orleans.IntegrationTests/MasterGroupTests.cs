using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Storage.Tests.Postgres;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>
/// Masters in active/standby on a real PostgreSQL server, with real agent processes: the standby redirects, a killed
/// leader is replaced and its deployment finishes, a restart of PostgreSQL loses nothing.
/// </summary>
public sealed class MasterGroupTests(PostgresServerFixture postgres) : IClassFixture<PostgresServerFixture>
{
    private static readonly TimeSpan Converge = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task TheStandby_RedirectsToTheLeader_AndEveryMasterNamesIt()
    {
        await using var group = await MasterGroup.StartAsync(await postgres.CreateDatabaseAsync(), masters: 2, agents: 0);
        var leader = await group.LeaderAsync();
        var (leaderUrl, standbyUrl) = (group.MasterUrls[leader], group.MasterUrls[1 - leader]);
        using var standby = MasterGroup.DirectClient(standbyUrl);

        foreach (var master in group.MasterUrls)
        {
            using var direct = MasterGroup.DirectClient(master);
            Assert.Equal(leaderUrl.Authority, (string?)(await direct.GetFromJsonAsync<JsonNode>("/v2/leader"))!["leader"]);
        }

        using (var read = await standby.GetAsync("/v2/apps?embed=apps.tasks"))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, read.StatusCode);
            Assert.Equal(new Uri(leaderUrl, "/v2/apps?embed=apps.tasks"), read.Headers.Location);
        }

        using (var write = await standby.PostAsJsonAsync("/v2/apps", new { id = "/redirected", cmd = "sleep 1000", instances = 0 }))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, write.StatusCode);
            Assert.Equal(new Uri(leaderUrl, "/v2/apps"), write.Headers.Location);
        }

        using (var redirect = await standby.GetAsync("/master/redirect"))
        {
            Assert.Equal(HttpStatusCode.TemporaryRedirect, redirect.StatusCode);
            Assert.Equal("//" + leaderUrl.Authority, redirect.Headers.Location!.OriginalString);
        }

        // A client that follows redirects writes through the standby: the 307 keeps the method and the body.
        using var following = new HttpClient { BaseAddress = standbyUrl };
        using (var created = await following.PostAsJsonAsync("/v2/apps", new { id = "/followed", cmd = "sleep 1000", instances = 0 }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        using var onLeader = MasterGroup.DirectClient(leaderUrl);
        Assert.Equal(HttpStatusCode.OK, (await onLeader.GetAsync("/v2/apps/followed")).StatusCode);
        var info = await onLeader.GetFromJsonAsync<JsonNode>("/v2/info");
        Assert.True((bool?)info!["elected"]);
    }

    [Fact]
    public async Task AMasterOnTheSameSqliteFile_StandsBy()
    {
        var directory = Directory.CreateTempSubdirectory("mesos-orleans-sqlite-group-");
        try
        {
            await using var group = await MasterGroup.StartAsync(Path.Combine(directory.FullName, "state.db"), masters: 2, agents: 0);

            Assert.Equal(0, await group.LeaderAsync());
            using var second = MasterGroup.DirectClient(group.MasterUrls[1]);
            using var read = await second.GetAsync("/apis/v1/apps");
            Assert.Equal(HttpStatusCode.TemporaryRedirect, read.StatusCode);
            Assert.Equal(new Uri(group.MasterUrls[0], "/apis/v1/apps"), read.Headers.Location);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task ALeaderKilledMidDeployment_IsReplaced_AndTheDeploymentCompletesExactly()
    {
        await using var group = await MasterGroup.StartAsync(await postgres.CreateDatabaseAsync(), masters: 2, agents: 3);
        var leader = await group.LeaderAsync();
        using (var first = MasterGroup.DirectClient(group.MasterUrls[leader]))
        {
            using var created = await first.PostAsJsonAsync("/v2/apps", App("/web", 6));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        await group.Masters[leader].KillHardAsync(); // mid-deployment: launches under way

        var successor = await group.LeaderAsync();
        Assert.NotEqual(leader, successor);
        await ConvergedAsync(group, successor, "/web", 6);
        Assert.Equal(6, group.TaskProcessesAlive());
        await AgentsActiveAsync(group, successor, 3);

        // The killed master comes back as a standby of the new leader.
        await group.Masters[leader].StartAsync();
        Assert.Equal(successor, await group.LeaderAsync());
    }

    [Fact]
    public async Task PostgresRestartedMidDeployment_EverythingConverges_NothingLost()
    {
        await using var group = await MasterGroup.StartAsync(await postgres.CreateDatabaseAsync(), masters: 2, agents: 2);
        var leader = await group.LeaderAsync();
        using (var client = MasterGroup.DirectClient(group.MasterUrls[leader]))
        {
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v2/apps", App("/kept", 2))).StatusCode);
            Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/v2/apps", App("/grown", 4))).StatusCode);
        }

        await postgres.StopAsync(); // pg_ctl stop -m fast: every session cut
        await postgres.StartAsync();

        leader = await group.LeaderAsync();
        await ConvergedAsync(group, leader, "/kept", 2);
        await ConvergedAsync(group, leader, "/grown", 4);
        using (var client = MasterGroup.DirectClient(group.MasterUrls[leader]))
        {
            using var scaled = await client.PutAsJsonAsync("/v2/apps/grown", new { instances = 5 });
            Assert.Equal(HttpStatusCode.OK, scaled.StatusCode);
        }

        await ConvergedAsync(group, leader, "/grown", 5);
        Assert.Equal(7, group.TaskProcessesAlive());
    }

    private static object App(string id, int instances) =>
        new { id, cmd = "sleep 100000", instances, cpus = 0.01, mem = 8, backoffSeconds = 0, portDefinitions = Array.Empty<object>() };

    // Exactly `count` running tasks of the app, no deployment left, and as many task processes on the agents.
    private static async Task ConvergedAsync(MasterGroup group, int leader, string app, int count)
    {
        using var client = MasterGroup.DirectClient(group.MasterUrls[leader]);
        try
        {
            await Eventually.Until(async () =>
            {
                var tasks = (await client.GetFromJsonAsync<JsonNode>($"/v2/apps{app}/tasks"))!["tasks"]!.AsArray();
                var deployments = (await client.GetFromJsonAsync<JsonNode>("/v2/deployments"))!.AsArray();
                return (Running: tasks.Count(t => (string?)t!["state"] == "TASK_RUNNING"), Total: tasks.Count, Deploying: deployments.Count);
            }, seen => seen == (count, count, 0), $"{app}: {count} running tasks and no deployment", Converge);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}\n{group.Logs()}", e);
        }
    }

    private static async Task AgentsActiveAsync(MasterGroup group, int leader, int count)
    {
        using var client = MasterGroup.DirectClient(group.MasterUrls[leader]);
        await Eventually.Until(
            async () => (await client.GetFromJsonAsync<JsonNode>("/master/slaves"))!["slaves"]!.AsArray().Count(s => (bool?)s!["active"] == true),
            active => active == count, $"{count} active agents on the new leader", Converge);
    }
}
