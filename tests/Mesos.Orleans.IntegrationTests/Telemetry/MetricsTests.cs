using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Telemetry;

/// <summary><c>/metrics</c> of a real <c>up</c>, scraped and parsed as Prometheus would, against what the API says.</summary>
public sealed partial class MetricsTests : IAsyncLifetime
{
    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Metrics_AreValidPrometheusText_AndCountWhatTheApiShows()
    {
        var apply = await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("measured", "sleep 1000", instances: 3)));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        var tasks = await _up.RunningAsync("measured", 3);
        var apps = (await _up.GetJsonAsync("apis/v1/apps"))["items"]!.AsArray();

        using var response = await _up.Http.GetAsync(new Uri("metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        var scrape = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(apps.Count, scrape.Value("mesos_orleans_apps"));
        Assert.Equal(tasks.Count, scrape.Value("mesos_orleans_tasks", "state", "TASK_RUNNING"));
        Assert.Equal(3, scrape.Value("mesos_orleans_task_launches_total"));
        Assert.True(scrape.Value("mesos_orleans_offers_accepted_total") >= 1);
        Assert.True(scrape.Value("mesos_orleans_offers_made_total") >= scrape.Value("mesos_orleans_offers_accepted_total"));
        Assert.True(scrape.Value("mesos_orleans_task_status_updates_total", "state", "TASK_RUNNING") >= 3);
        Assert.Equal(1, scrape.Value("mesos_orleans_agents", "status", "ACTIVE"));
        Assert.Equal(4, scrape.Value("mesos_orleans_resources", "resource", "cpus", "kind", "total"));
        Assert.Equal(0.3, scrape.Value("mesos_orleans_resources", "resource", "cpus", "kind", "used"), 6);
        Assert.Equal("counter", scrape.Types["mesos_orleans_task_launches_total"]);
        Assert.Equal("histogram", scrape.Types["mesos_orleans_allocation_cycle_duration_seconds"]);
        Assert.Equal("gauge", scrape.Types["mesos_orleans_tasks"]);

        // Histograms: cumulative buckets ending in +Inf, which is the count.
        foreach (var histogram in scrape.Types.Where(t => t.Value == "histogram").Select(t => t.Key))
        {
            var buckets = scrape.Samples.Where(s => s.Name == histogram + "_bucket").ToList();
            Assert.NotEmpty(buckets);
            foreach (var series in buckets.GroupBy(b => string.Join(',', b.Labels.Where(l => l.Key != "le").Select(l => $"{l.Key}={l.Value}"))))
            {
                var values = series.Select(b => b.Value).ToList();
                Assert.Equal(values.Order(), values);
                Assert.Equal("+Inf", series.Last().Labels["le"]);
                Assert.Equal(series.Last().Value, scrape.Samples.Single(s => s.Name == histogram + "_count" && SameSeries(s, series.First())).Value);
            }
        }

        Assert.Contains(scrape.Samples, s => s.Name == "http_server_request_duration_seconds_count" && s.Labels.GetValueOrDefault("http_route") == "/apis/v1/apps");

        // The same numbers under Mesos' names.
        var snapshot = await _up.GetJsonAsync("metrics/snapshot");
        Assert.Equal(3, (double)snapshot["mesos_orleans/task_launches"]!);
        Assert.Equal(3, (double)snapshot["master/tasks_running"]!);
        Assert.True((double)snapshot["allocator/mesos/allocation_runs"]! >= 1);
    }

    private static bool SameSeries(Sample a, Sample b) =>
        a.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key).SequenceEqual(b.Labels.Where(l => l.Key != "le").OrderBy(l => l.Key));

    // The text format: HELP and TYPE before a family's samples; name{label="escaped",…} value.
    private static Scrape Parse(string text)
    {
        var scrape = new Scrape();
        var helped = new HashSet<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.StartsWith("# HELP ", StringComparison.Ordinal))
            {
                helped.Add(line.Split(' ')[2]);
                continue;
            }

            if (line.StartsWith("# TYPE ", StringComparison.Ordinal))
            {
                var parts = line.Split(' ');
                Assert.Contains(parts[2], helped);
                Assert.Contains(parts[3], new[] { "counter", "gauge", "histogram" });
                scrape.Types[parts[2]] = parts[3];
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, $"not a sample line: {line}");
            var name = match.Groups["name"].Value;
            Assert.Contains(scrape.Types.Keys, family => name == family || name.StartsWith(family + "_", StringComparison.Ordinal));
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => Regex.Unescape(m.Groups["value"].Value));
            var value = match.Groups["value"].Value;
            scrape.Samples.Add(new Sample(name, labels, value == "+Inf" ? double.PositiveInfinity : double.Parse(value, CultureInfo.InvariantCulture)));
        }

        return scrape;
    }

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>([a-zA-Z_][a-zA-Z0-9_]*="(\\.|[^"\\])*",?)*)\})? (?<value>\S+)$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(\\.|[^""\\])*)""")]
    private static partial Regex LabelPair();

    private sealed record Sample(string Name, Dictionary<string, string> Labels, double Value);

    private sealed class Scrape
    {
        public Dictionary<string, string> Types { get; } = [];

        public List<Sample> Samples { get; } = [];

        public double Value(string name, params string[] labels)
        {
            var wanted = labels.Chunk(2).ToDictionary(p => p[0], p => p[1]);
            var found = Samples.Where(s => s.Name == name && wanted.All(w => s.Labels.GetValueOrDefault(w.Key) == w.Value)).ToList();
            Assert.True(found.Count == 1, $"expected one sample {name} {string.Join(',', labels)}, found {found.Count}");
            return found[0].Value;
        }
    }
}
