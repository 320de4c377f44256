using System.Net;
using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Telemetry;

/// <summary>A task's own output through <c>logs app</c> and the API, read from the agent's sandbox of a real <c>up</c>.</summary>
public sealed class LogsTests : IAsyncLifetime
{
    private const string Command = "echo first; echo second; echo oops >&2; i=0; while true; do echo tick $i; i=$((i+1)); sleep 0.2; done";
    private UpProcess _up = null!;

    public async Task InitializeAsync() => _up = await UpProcess.StartAsync();

    public async Task DisposeAsync() => await _up.DisposeAsync();

    [Fact]
    public async Task Logs_PrintTheTasksOutput_TailIt_AndFollowItUntilTheTaskEnds()
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("logged", Command)));
        var task = (string)(await _up.RunningAsync("logged", 1))[0]["taskId"]!;

        var stdout = await Eventually.Until(() => _up.CliAsync("logs", "app", "logged"), r => r.Output.Contains("tick 1", StringComparison.Ordinal), "the task's output");
        Assert.True(stdout.ExitCode == 0, stdout.ToString());
        Assert.StartsWith("first\nsecond\ntick 0\n", stdout.Output, StringComparison.Ordinal);

        var stderr = await _up.CliAsync("logs", "app", "logged", "--stderr", "--task", task);
        Assert.Equal("oops\n", stderr.Output);

        var tail = await _up.CliAsync("logs", "app", "logged", "--tail", "2");
        var lines = tail.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.All(lines, l => Assert.StartsWith("tick ", l, StringComparison.Ordinal));

        // Following: lines written after the request arrive, and the answer ends when the task does.
        using var follow = await _up.Http.GetAsync(new Uri("apis/v1/apps/logged/logs?follow=true&tail=0", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, follow.StatusCode);
        using var reader = new StreamReader(await follow.Content.ReadAsStreamAsync());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var followed = await reader.ReadLineAsync(timeout.Token);
        Assert.StartsWith("tick ", followed, StringComparison.Ordinal);
        Assert.DoesNotContain(followed + "\n", tail.Output, StringComparison.Ordinal);

        await _up.CliAsync("scale", "app", "logged", "--instances", "0");
        await reader.ReadToEndAsync(timeout.Token); // ends once the task has
    }

    [Theory]
    [InlineData("task=..%2F..%2Fetc", HttpStatusCode.BadRequest, "invalid task id")]
    [InlineData("task=other.instance-1._app.1", HttpStatusCode.NotFound, "has no task")]
    [InlineData("task=logged2.instance-00000000-0000-0000-0000-000000000000._app.1", HttpStatusCode.NotFound, "has no task")]
    [InlineData("task=logged.instance-00000000-0000-0000-0000-000000000000._app.1", HttpStatusCode.NotFound, "only its instances' current tasks")]
    [InlineData("stream=stdin", HttpStatusCode.BadRequest, "invalid stream")]
    [InlineData("tail=-1", HttpStatusCode.BadRequest, "invalid tail")]
    public async Task Logs_RefuseBadInput_WithoutReadingOutsideTheSandboxes(string query, HttpStatusCode status, string message)
    {
        await _up.CliAsync("apply", "-f", Manifests.ToFile(Manifests.App("logged", "sleep 1000")));
        await _up.RunningAsync("logged", 1);

        using var response = await _up.Http.GetAsync(new Uri("apis/v1/apps/logged/logs?" + query, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogsOfAnUnknownApp_IsAClearError()
    {
        var result = await _up.CliAsync("logs", "app", "nothing-here");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }
}
