using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>Kubernetes-style watches of <c>/apis/v1/apps</c> on a real <c>up</c>, through HTTP and <c>get apps -w</c>.</summary>
public sealed class AppWatchTests(UpFixture fixture) : IClassFixture<UpFixture>
{
    private UpProcess Up => fixture.Up;

    [Fact]
    public async Task Watch_StartsWithTheAppsThenSaysWhatChanges()
    {
        await ApplyAsync("watched-a", "tier: watch");
        await using var watch = await WatchLines.OpenAsync(Up, "apis/v1/apps?watch=true&labelSelector=tier%3Dwatch");
        await watch.UntilAsync(l => l.Any(IsFor("ADDED", "watched-a")), "the app that exists");

        await ApplyAsync("watched-b", "tier: watch");
        await ApplyAsync("ignored", "tier: other");
        Assert.Equal(0, (await Up.CliAsync("scale", "app", "watched-a", "--instances", "1")).ExitCode);
        Assert.Equal(0, (await Up.CliAsync("delete", "app", "watched-b")).ExitCode);

        var lines = await watch.UntilAsync(l => l.Any(IsFor("DELETED", "watched-b")), "the deleted app");
        Assert.Equal("ADDED", Type(lines[0]));
        Assert.Contains(lines, l => IsFor("ADDED", "watched-b")(l));
        Assert.Contains(lines, l => IsFor("MODIFIED", "watched-a")(l) && (int)l["object"]!["spec"]!["instances"]! == 1);
        Assert.DoesNotContain(lines, l => Name(l) == "ignored");
        Assert.Equal("App", (string?)lines[0]["object"]!["kind"]);
    }

    [Fact]
    public async Task Watch_OfOneAppFollowsItAlone()
    {
        await ApplyAsync("single", "tier: one");
        await ApplyAsync("single-other", "tier: one");
        await using var watch = await WatchLines.OpenAsync(Up, "apis/v1/apps/single?watch=true");

        Assert.Equal(0, (await Up.CliAsync("scale", "app", "single", "--instances", "1")).ExitCode);
        Assert.Equal(0, (await Up.CliAsync("scale", "app", "single-other", "--instances", "1")).ExitCode);
        var lines = await watch.UntilAsync(l => l.Any(x => Type(x) == "MODIFIED" && (int)x["object"]!["spec"]!["instances"]! == 1), "the scale");

        Assert.All(lines, l => Assert.Equal("single", Name(l)));
        Assert.Equal("ADDED", Type(lines[0]));
    }

    [Fact]
    public async Task GetAppsWatch_PrintsTheChangesAsTheyCome()
    {
        await ApplyAsync("printed", "tier: cli");
        var info = MesosOrleansExecutable.StartInfo(["get", "apps", "printed", "-w"], Up.Server, Up.Token);
        using var process = Process.Start(info)!;
        var output = new List<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.Add(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        try
        {
            await Eventually.Until(() => Lines(output).Count >= 2, "the header and the app");
            Assert.Equal(0, (await Up.CliAsync("delete", "app", "printed")).ExitCode);
            await Eventually.Until(() => Lines(output).Any(l => l.StartsWith("DELETED", StringComparison.Ordinal)), "the delete to be printed");

            var printed = Lines(output);
            Assert.StartsWith("EVENT       NAME", printed[0], StringComparison.Ordinal);
            Assert.StartsWith("ADDED       printed", printed[1], StringComparison.Ordinal);
        }
        finally
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    private async Task ApplyAsync(string name, string labels)
    {
        var manifest = Manifests.App(name, "sleep 1000", instances: 0)
            .Replace($"  name: {name}", $"  name: {name}\n  labels: {{{labels}}}", StringComparison.Ordinal);
        var result = await Up.CliAsync("apply", "-f", Manifests.ToFile(manifest));
        Assert.True(result.ExitCode == 0, result.ToString());
    }

    private static List<string> Lines(List<string> output)
    {
        lock (output)
        {
            return [.. output];
        }
    }

    private static Func<JsonNode, bool> IsFor(string type, string name) => l => Type(l) == type && Name(l) == name;

    private static string? Type(JsonNode line) => (string?)line["type"];

    private static string? Name(JsonNode line) => (string?)line["object"]!["metadata"]!["name"];

    /// <summary>A watch's lines, read in the background.</summary>
    private sealed class WatchLines : IAsyncDisposable
    {
        private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
        private readonly List<JsonNode> _lines = [];
        private readonly CancellationTokenSource _stop = new();
        private Task _reading = Task.CompletedTask;

        public static async Task<WatchLines> OpenAsync(UpProcess up, string path)
        {
            var watch = new WatchLines();
            using var request = new HttpRequestMessage(HttpMethod.Get, up.Server + "/" + path);
            if (up.Token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", up.Token);
            }

            var response = await watch._http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            response.EnsureSuccessStatusCode();
            watch._reading = Task.Run(async () =>
            {
                using (response)
                using (var reader = new StreamReader(await response.Content.ReadAsStreamAsync(watch._stop.Token)))
                {
                    while (await reader.ReadLineAsync(watch._stop.Token) is { } line)
                    {
                        lock (watch._lines)
                        {
                            watch._lines.Add(JsonNode.Parse(line)!);
                        }
                    }
                }
            });
            return watch;
        }

        public Task<List<JsonNode>> UntilAsync(Func<List<JsonNode>, bool> done, string expectation) =>
            Eventually.Until(() =>
            {
                lock (_lines)
                {
                    return Task.FromResult<List<JsonNode>>([.. _lines]);
                }
            }, done, expectation);

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            try
            {
                await _reading;
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
            {
                // Closed under the reader.
            }

            _http.Dispose();
            _stop.Dispose();
        }
    }
}
