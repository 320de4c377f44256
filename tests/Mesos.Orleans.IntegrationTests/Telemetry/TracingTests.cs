using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;
using Mesos.Orleans.Testing.Telemetry;

namespace Mesos.Orleans.IntegrationTests.Telemetry;

/// <summary>
/// A real <c>up</c> exporting by OTLP to a receiver in the test, as it would to a collector: an apply is one trace
/// from the caller's span to the task's process and its RUNNING update; a crash and its replacement are a new
/// trace linked to the deployment.
/// </summary>
public sealed class TracingTests : IAsyncLifetime
{
    private const string App = "/traced";
    private OtlpReceiver _receiver = null!;
    private UpProcess _up = null!;

    public async Task InitializeAsync()
    {
        _receiver = OtlpReceiver.Start();
        _up = await UpProcess.StartWithEnvironmentAsync(_receiver.ExporterEnvironment("mesos-orleans-test"));
    }

    public async Task DisposeAsync()
    {
        await _up.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task AnApply_IsOneTraceFromTheCallerToTheRunningProcess_AndACrashIsANewTraceLinkedToIt()
    {
        // The caller's own span: the API's span must join its trace.
        var callerTrace = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var callerSpan = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()[..8]);
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/apps")
        {
            Content = new StringContent($$"""{"id":"{{App}}","cmd":"sleep 1000","instances":1,"cpus":0.1,"mem":32}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("traceparent", $"00-{callerTrace}-{callerSpan}-01");
        using var created = await _up.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var task = (string)(await _up.RunningAsync("traced", 1))[0]["taskId"]!;

        // Down to the agent's RUNNING update and the task grain that applied it, all in the caller's trace.
        var trace = await Eventually.Until(() => Task.FromResult(_receiver.Spans.Where(s => s.TraceId == callerTrace).ToList()),
            spans => spans.Any(s => s.Name == "status update TASK_RUNNING" && s.Scope == "MesosOrleans.Grains" && s.Attribute("mesos_orleans.task.id") == task),
            "the apply's trace to reach the task grain's RUNNING update");
        var byId = trace.ToDictionary(s => s.SpanId);

        var api = Assert.Single(trace, s => s.Scope == "MesosOrleans.Api");
        Assert.Equal(callerSpan, api.ParentSpanId);
        Assert.Equal("POST /v2/apps", api.Name);
        Assert.Equal(2, api.Kind); // SERVER
        Assert.Equal("POST", api.Attribute("http.request.method"));
        Assert.Equal("201", api.Attribute("http.response.status_code"));
        Assert.Equal("mesos-orleans-test", api.Resource["service.name"]);

        var start = Assert.Single(trace, s => s.Name == "process start");
        Assert.Equal("MesosOrleans.Containerizer", start.Scope);
        Assert.Equal(task, start.Attribute("mesos_orleans.task.id"));
        Assert.Equal("process", start.Attribute("container.runtime"));
        Assert.True(long.Parse(start.Attribute("process.pid")!, System.Globalization.CultureInfo.InvariantCulture) > 1);

        // Parent by parent from the process to the API: every step of the apply in order, none missing.
        var path = PathToRoot(start, byId);
        Assert.Equal(
            ["process start", "start task", "launch on agent", "offer accepted", "reconcile", "deployment Create", "POST /v2/apps"],
            path.Select(s => s.Name));
        var deployment = path.Single(s => s.Name == "deployment Create");
        Assert.Equal(App, deployment.Attribute("mesos_orleans.app.id"));
        Assert.False(string.IsNullOrEmpty(deployment.Attribute("mesos_orleans.deployment.id")));
        var offer = path.Single(s => s.Name == "offer accepted");
        Assert.False(string.IsNullOrEmpty(offer.Attribute("mesos_orleans.offer.id")));
        Assert.Equal(_up.AgentId, offer.Attribute("mesos_orleans.agent.id"));

        var running = Assert.Single(trace, s => s.Name == "status update TASK_RUNNING" && s.Scope == "MesosOrleans.Agent");
        Assert.Equal(path[1].SpanId, running.ParentSpanId); // a child of the agent's start of the task
        var applied = Assert.Single(trace, s => s.Name == "status update TASK_RUNNING" && s.Scope == "MesosOrleans.Grains");
        Assert.Equal(running.SpanId, applied.ParentSpanId);

        // The deployment ends; then the process dies: a new trace, linked to the deployment, replaces it.
        await Eventually.Until(() => _up.GetJsonAsync("v2/deployments"), d => d.AsArray().Count == 0, "the deployment to finish");
        var pid = TaskProcesses.Find(task).Single();
        Signals.Send(-pid, Signals.Kill);

        var crash = await Eventually.Until(
            () => Task.FromResult(_receiver.Spans.FirstOrDefault(s => s.Scope == "MesosOrleans.Agent" && s.Name == "status update TASK_FAILED" && s.Attribute("mesos_orleans.task.id") == task)),
            s => s is not null, "the crash's status update span");
        Assert.NotEqual(callerTrace, crash!.TraceId);
        Assert.Null(crash.ParentSpanId);
        Assert.Contains(crash.Links, l => l.TraceId == callerTrace && l.SpanId == path[1].SpanId);

        var replacement = await Eventually.Until(
            () => Task.FromResult(_receiver.Spans.Where(s => s.TraceId == crash.TraceId).ToList()),
            spans => spans.Any(s => s.Name == "process start" && s.Attribute("mesos_orleans.task.id") != task),
            "the replacement's process start in the crash's trace");
        var reconcile = replacement.Where(s => s.Name == "reconcile").ToList();
        Assert.NotEmpty(reconcile);
        Assert.All(reconcile, r => Assert.Contains(r.Links, l => l.TraceId == callerTrace && l.SpanId == deployment.SpanId));
        var newStart = replacement.Single(s => s.Name == "process start" && s.Attribute("mesos_orleans.task.id") != task);
        var crashPath = PathToRoot(newStart, replacement.ToDictionary(s => s.SpanId));
        Assert.Equal(crash.SpanId, crashPath[^1].SpanId);
        Assert.Contains(crashPath, s => s.Name == "reconcile");
    }

    // The span, its parent, its parent's parent… up to the root; every parent must have been exported.
    private static List<ExportedSpan> PathToRoot(ExportedSpan span, Dictionary<string, ExportedSpan> byId)
    {
        var path = new List<ExportedSpan> { span };
        while (path[^1].ParentSpanId is { } parent && byId.TryGetValue(parent, out var next))
        {
            path.Add(next);
        }

        return path;
    }
}
