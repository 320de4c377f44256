using Mesos.Orleans.Grains.Tests.Support;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Grains.Tests;

/// <summary>Placement constraints across several agents with their own attributes.</summary>
public sealed class ConstraintTests : IAsyncLifetime
{
    private ControlPlaneHarness _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await ControlPlaneHarness.StartAsync();
        foreach (var (host, rack) in new[] { ("h1", "a"), ("h2", "a"), ("h3", "b"), ("h4", "c") })
        {
            await _cluster.AddAgentAsync(host, attributes: new Dictionary<string, string> { ["rack"] = rack, ["disk"] = host == "h4" ? "ssd" : "hdd" });
        }
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private static string Constrained(string name, int instances, string constraints) =>
        AppManifests.App(name, instances, cpus: 0.1, extra: $"  constraints: {constraints}");

    [Fact]
    public async Task Unique_PutsOneInstanceOnEachHostAndWaitsForMore()
    {
        await _cluster.ApplyAsync(Constrained("uniq", 4, "[[hostname, UNIQUE]]"));
        var running = await _cluster.RunningAsync("uniq", 4);
        Assert.Equal(4, running.Select(i => i.Hostname).Distinct().Count());

        await _cluster.App("uniq").ScaleAsync(5);

        var app = await Eventually.Until(() => _cluster.App("uniq").GetAsync(), a => a?.Status.PendingReason is not null, "the fifth instance to wait");
        Assert.Contains("constraint [hostname, UNIQUE] cannot be met", app!.Status.PendingReason, StringComparison.Ordinal);
        Assert.Equal(4, _cluster.Instances("uniq").Count(i => i.State == "TASK_RUNNING"));
    }

    [Fact]
    public async Task Cluster_KeepsEveryInstanceOnTheNamedValue()
    {
        await _cluster.ApplyAsync(Constrained("rack-a", 4, "[[rack, CLUSTER, a]]"));
        var running = await _cluster.RunningAsync("rack-a", 4);
        Assert.All(running, i => Assert.Contains(i.Hostname, new[] { "h1", "h2" }));
    }

    [Fact]
    public async Task GroupBy_SpreadsEvenlyOverTheValues()
    {
        await _cluster.ApplyAsync(Constrained("spread", 6, "[[rack, GROUP_BY, \"3\"]]"));
        var running = await _cluster.RunningAsync("spread", 6);
        var perRack = running.GroupBy(i => i.Hostname switch { "h1" or "h2" => "a", "h3" => "b", _ => "c" }).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 2, ["c"] = 2 }, perRack);
    }

    [Fact]
    public async Task MaxPerAndLikeAndIs_AreHonoured()
    {
        await _cluster.ApplyAsync(Constrained("maxper", 3, "[[rack, MAX_PER, \"1\"]]"));
        await _cluster.ApplyAsync(Constrained("like", 2, "[[hostname, LIKE, \"h[12]\"]]"));
        await _cluster.ApplyAsync(Constrained("ssd", 2, "[[disk, IS, ssd]]"));
        await _cluster.ApplyAsync(Constrained("unlike", 3, "[[rack, UNLIKE, a]]"));

        Assert.Equal(3, (await _cluster.RunningAsync("maxper", 3)).Select(i => i.Hostname is "h1" or "h2" ? "a" : i.Hostname).Distinct().Count());
        Assert.All(await _cluster.RunningAsync("like", 2), i => Assert.Contains(i.Hostname, new[] { "h1", "h2" }));
        Assert.All(await _cluster.RunningAsync("ssd", 2), i => Assert.Equal("h4", i.Hostname));
        Assert.All(await _cluster.RunningAsync("unlike", 3), i => Assert.Contains(i.Hostname, new[] { "h3", "h4" }));
    }

    [Fact]
    public async Task Unsatisfiable_ConstraintSaysWhyAndPlacesNothing()
    {
        await _cluster.ApplyAsync(Constrained("nowhere", 1, "[[rack, CLUSTER, z]]"));

        var app = await Eventually.Until(() => _cluster.App("nowhere").GetAsync(), a => a?.Status.PendingReason is not null, "a reason");
        Assert.StartsWith("constraint [rack, CLUSTER, z] cannot be met: no agent offered has rack z", app!.Status.PendingReason, StringComparison.Ordinal);
        Assert.Contains(app.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "WaitingForResources");
    }
}
