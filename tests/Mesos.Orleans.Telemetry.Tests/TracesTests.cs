using System.Diagnostics;
using Mesos.Orleans.Telemetry.Tracing;

namespace Mesos.Orleans.Telemetry.Tests;

public sealed class TracesTests : IDisposable
{
    private readonly ActivitySource _source = new("Test." + Guid.NewGuid().ToString("N"));
    private readonly ActivityListener _listener;

    public TracesTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s == _source,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _source.Dispose();
    }

    [Fact]
    public void StartChild_JoinsTheTraceATraceparentNames()
    {
        using var parent = _source.StartActivity("parent")!;
        var traceparent = Traces.Context(parent);
        parent.Stop();

        using var child = Traces.StartChild(_source, "child", traceparent)!;

        Assert.Equal(parent.TraceId, child.TraceId);
        Assert.Equal(parent.SpanId, child.ParentSpanId);
    }

    [Fact]
    public void Start_WithoutParent_IsANewTraceLinkedToWhatItFollows_NotAChildOfTheCurrentActivity()
    {
        using var deployment = _source.StartActivity("deployment")!;
        using var unrelated = _source.StartActivity("current")!;

        using var crash = Traces.Start(_source, "crash", default, deployment.Context)!;

        Assert.NotEqual(unrelated.TraceId, crash.TraceId);
        Assert.Equal(default, crash.ParentSpanId);
        var link = Assert.Single(crash.Links);
        Assert.Equal(deployment.SpanId, link.Context.SpanId);
    }

    [Fact]
    public void NothingIsStarted_WhenNobodyListens()
    {
        using var silent = new ActivitySource("Test.Silent." + Guid.NewGuid().ToString("N"));

        Assert.Null(Traces.StartChild(silent, "x", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"));
        Assert.Null(Traces.Start(silent, "x", default));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-traceparent")]
    [InlineData("00-00000000000000000000000000000000-0000000000000000-01")]
    public void Parse_OfNothingOrGarbage_IsNoContext(string? traceparent) =>
        Assert.Equal(default, Traces.Parse(traceparent));
}
