using System.Diagnostics.Metrics;
using Mesos.Orleans.Telemetry.Metrics;

namespace Mesos.Orleans.Telemetry.Tests;

public sealed class PrometheusCollectorTests : IDisposable
{
    private readonly string _meterName = "Test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusCollector _collector;

    public PrometheusCollectorTests()
    {
        _meter = new Meter(_meterName);
        _collector = new PrometheusCollector(_meterName);
    }

    public void Dispose()
    {
        _collector.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counter_IsATotalPerLabelSet_WithHelpAndType()
    {
        var counter = _meter.CreateCounter<long>("test.launches", "{task}", "Tasks launched.");
        counter.Add(2, new KeyValuePair<string, object?>("state", "a"));
        counter.Add(3, new KeyValuePair<string, object?>("state", "a"));
        counter.Add(1, new KeyValuePair<string, object?>("state", "b"));

        Assert.Equal(
            "# HELP test_launches_total Tasks launched.\n# TYPE test_launches_total counter\ntest_launches_total{state=\"a\"} 5\ntest_launches_total{state=\"b\"} 1\n",
            _collector.Write());
        Assert.Equal(6, _collector.Total("test.launches"));
    }

    [Fact]
    public void LabelValues_AreEscaped_AndNamesSanitized()
    {
        var counter = _meter.CreateCounter<long>("test.odd-name", null, "Odd.");
        counter.Add(1, new KeyValuePair<string, object?>("http.route", "a\"b\\c\nd"));

        Assert.Contains("test_odd_name_total{http_route=\"a\\\"b\\\\c\\nd\"} 1\n", _collector.Write(), StringComparison.Ordinal);
    }

    [Fact]
    public void Histogram_HasCumulativeBuckets_SumAndCount_InSeconds()
    {
        var histogram = _meter.CreateHistogram<double>("test.duration", "s", "How long.");
        histogram.Record(0.003);
        histogram.Record(0.2);
        histogram.Record(100);

        var text = _collector.Write();
        Assert.Contains("# TYPE test_duration_seconds histogram\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_bucket{le=\"0.0025\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_bucket{le=\"0.005\"} 1\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_bucket{le=\"0.25\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_bucket{le=\"30\"} 2\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_bucket{le=\"+Inf\"} 3\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_sum 100.203\n", text, StringComparison.Ordinal);
        Assert.Contains("test_duration_seconds_count 3\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Gauges_ShowWhatTheirCallbackSaysNow_AndUpDownCountersAreGauges()
    {
        var states = new Dictionary<string, long> { ["RUNNING"] = 2, ["STAGING"] = 1 };
        _meter.CreateObservableGauge("test.tasks", () => states.Select(s => new Measurement<long>(s.Value, new KeyValuePair<string, object?>("state", s.Key))));
        var queue = _meter.CreateUpDownCounter<long>("test.queue");
        queue.Add(3);
        queue.Add(-1);

        var first = _collector.Write();
        Assert.Contains("test_tasks{state=\"STAGING\"} 1\n", first, StringComparison.Ordinal);
        Assert.Contains("# TYPE test_queue gauge\ntest_queue 2\n", first, StringComparison.Ordinal);

        states.Remove("STAGING");
        states["RUNNING"] = 3;
        var second = _collector.Write();
        Assert.Contains("test_tasks{state=\"RUNNING\"} 3\n", second, StringComparison.Ordinal);
        Assert.DoesNotContain("STAGING", second, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherMeters_AreNotCollected()
    {
        using var other = new Meter("Other." + Guid.NewGuid().ToString("N"));
        other.CreateCounter<long>("other.count").Add(1);

        Assert.Equal("", _collector.Write());
    }
}
