using System.Diagnostics;
using System.Globalization;
using Mesos.Orleans.Agent.Simulation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Grains.Hosting;
using Mesos.Orleans.Master.Api;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Runtime.Hosting;
using Mesos.Orleans.Storage;
using Mesos.Orleans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Bench.Support;

/// <summary>
/// A master in this process as <c>up</c> builds one — the control plane over SQLite in a directory of its own and the
/// HTTP API on Kestrel — with a fleet of simulated agents talking to it through the master's agent channel. The
/// agents ping at the master's heartbeat interval from the start, as real ones do (a master declares silent agents
/// unreachable). The master can be restarted on the same store; the fleet follows it.
/// </summary>
public sealed class ScaleHost : IAsyncDisposable
{
    /// <summary>What each simulated agent offers.</summary>
    public const string AgentResources = "cpus:4;mem:8192;disk:100000";

    private readonly string _directory;
    private readonly string _store;
    private readonly CancellationTokenSource _stopPings = new();
    private Task _pings = Task.CompletedTask;
    private WebApplication? _web;
    private GrainStorage? _storage;

    private ScaleHost(string directory, string? store)
    {
        _directory = directory;
        _store = store ?? Path.Combine(directory, "state.db");
        Fleet = new SimulatedFleet(TimeProvider.System);
        Port = FreePort.Next();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromMinutes(5) };
    }

    /// <summary>The simulated agents.</summary>
    public SimulatedFleet Fleet { get; }

    /// <summary>The running master's control plane.</summary>
    public ControlPlane Plane { get; private set; } = null!;

    /// <summary>A client of the master's API.</summary>
    public HttpClient Http { get; }

    /// <summary>The API's port.</summary>
    public int Port { get; }

    /// <summary>Starts a master on a new store: <paramref name="store"/> (an empty PostgreSQL database), or SQLite in a temp directory.</summary>
    public static async Task<ScaleHost> StartAsync(string? store = null)
    {
        var host = new ScaleHost(Directory.CreateTempSubdirectory("mesos-orleans-scale-").FullName, store);
        await host.StartMasterAsync();
        host._pings = host.Fleet.RunHeartbeatsAsync(host.Plane.Options.HeartbeatInterval, TimeSpan.FromMilliseconds(100), host._stopPings.Token);
        return host;
    }

    /// <summary>Adds <paramref name="count"/> agents and registers them.</summary>
    public async Task AddAgentsAsync(int count)
    {
        Fleet.Add(count, "sim", ResourceSet.Parse(AgentResources));
        await Fleet.RegisterAllAsync(Environment.ProcessorCount * 8, CancellationToken.None);
    }

    /// <summary>Starts the master (the control plane, then the API) on the store; the API serves once it is up.</summary>
    public async Task StartMasterAsync()
    {
        _storage = GrainStateStores.Open(_store);
        var builder = MasterWebHost.CreateBuilder(new Uri($"http://127.0.0.1:{Port}"));
        builder.Logging.ClearProviders();
        // Stopping deactivates every grain (150,000 at full size): more than the host's default 30 s on a slow store.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMinutes(5));
        var storage = _storage;
        builder.Services.AddSingleton(sp => new ControlPlane(
            storage.States, Fleet, new ControlPlaneOptions(), new GrainRuntimeOptions(),
            sp.GetRequiredService<ILoggerFactory>(), TimeProvider.System));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ControlPlane>());
        var web = builder.Build();
        Plane = web.Services.GetRequiredService<ControlPlane>();
        Fleet.Master = Plane.Gateway;
        web.MapMasterApi(Plane);
        await web.StartAsync();
        _web = web;
    }

    /// <summary>Stops the master (the API, then the control plane) and closes the store; the agents keep their tasks.</summary>
    public async Task StopMasterAsync()
    {
        if (_web is { } web)
        {
            await web.StopAsync();
            await web.DisposeAsync();
            _web = null;
        }

        if (_storage is { } storage)
        {
            await storage.DisposeAsync();
            _storage = null;
        }
    }

    /// <summary>Applies apps through the API, one request each.</summary>
    public Task ApplyAsync(IEnumerable<string> manifests) => MasterApi.ApplyAsync(Http, manifests);

    /// <summary>How many instances run, summed over the apps' status in the read model.</summary>
    public int RunningInstances() => Plane.View.Apps.Sum(a => a.Status.Instances.Running);

    /// <summary>Waits until <paramref name="count"/> instances run, looking every <paramref name="poll"/>.</summary>
    public async Task WaitRunningAsync(int count, TimeSpan poll, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (RunningInstances() < count)
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"{RunningInstances()} of {count} instances run after {timeout}");
            }

            await Task.Delay(poll);
        }
    }

    /// <summary>Reads an endpoint of the API whole; returns its size in bytes.</summary>
    public async Task<long> GetAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadAsByteArrayAsync()).LongLength;
    }

    /// <summary>The number of items an API list returns.</summary>
    public Task<int> CountAsync(string path) => MasterApi.CountAsync(Http, path);

    /// <summary>
    /// <paramref name="apps"/> apps of <paramref name="instances"/> instances each, sized so that they fill the
    /// agents exactly (or, fewer tasks than agents, an agent each): tasks spread over every agent as far as placement
    /// spreads them.
    /// </summary>
    public static IReadOnlyList<string> Manifests(int apps, int instances, int agents)
    {
        var resources = ResourceSet.Parse(AgentResources);
        var share = Math.Min(1, (double)agents / (apps * instances)); // fewer tasks than agents: one per agent
        var cpus = Math.Floor(resources.Cpus * share * 1000) / 1000;
        var mem = Math.Floor(resources.Mem * share);
        return [.. Enumerable.Range(0, apps).Select(i => string.Create(CultureInfo.InvariantCulture, $$$"""
            {"apiVersion": "mesos-orleans.io/v1", "kind": "App", "metadata": {"name": "scale-{{{i}}}"},
             "spec": {"instances": {{{instances}}}, "cmd": "sleep 1000", "cpus": {{{cpus}}}, "mem": {{{mem}}}, "portDefinitions": [], "backoffSeconds": 0} }
            """))];
    }

    /// <summary>The ids of the apps <see cref="Manifests"/> names.</summary>
    public static IEnumerable<AppId> AppIds(int apps) => Enumerable.Range(0, apps).Select(i => AppId.Parse($"/scale-{i}"));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopPings.CancelAsync();
        await _pings;
        _stopPings.Dispose();
        await StopMasterAsync();
        Http.Dispose();
        TempDirectories.TryDelete(_directory);
    }
}
