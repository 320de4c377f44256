using System.Net;
using System.Net.Http.Headers;
using Mesos.Orleans.Agent.Channel;
using Mesos.Orleans.Agent.Tests.Support;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Channel;

/// <summary>
/// The agent's log reads (<see cref="TaskLogReads"/>) on a real agent's endpoint, over the sandbox of a task it ran:
/// the bytes at an offset, the size, and refusals of bad ranges, bad ids and requests without the token.
/// </summary>
public sealed class AgentApiTaskLogTests : IAsyncLifetime, IDisposable
{
    private const string Token = "the-agent-token";
    private const string TaskId = "printer";
    private const string Stdout = "line one\nline two\n";
    private readonly RecordingMaster _master = new();
    private readonly HttpClient _http = new();
    private StartedAgent _started = null!;
    private WebApplication _server = null!;

    public async Task InitializeAsync()
    {
        _started = await StartedAgent.StartAsync(_master);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        var url = $"http://127.0.0.1:{FreePort.Next()}/";
        builder.WebHost.UseUrls(url);
        _server = builder.Build();
        _server.MapAgentApi(_started.Agent, Token);
        await _server.StartAsync();
        _http.BaseAddress = new Uri(url);
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);

        await _started.Agent.LaunchAsync(new LaunchTasksRequest([new TaskLaunch
        {
            TaskId = TaskId,
            FrameworkId = "apps",
            Command = new CommandSpec { Value = "printf 'line one\\nline two\\n'; printf 'oops\\n' >&2" },
            Resources = ResourceSet.Parse("cpus:0.1;mem:16"),
        }]), CancellationToken.None);
        await Eventually.Until(() => Task.FromResult(_master.Updates.Any(u => u.TaskId == TaskId && u.State.IsTerminal())), done => done, "the task's end");
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _started.DisposeAsync();
    }

    public void Dispose() => _http.Dispose();

    [Theory]
    [InlineData("", Stdout)]
    [InlineData("?offset=5&length=3", "one")]
    [InlineData("?offset=9", "line two\n")]
    [InlineData("?offset=14&length=100", "two\n")]
    [InlineData("?offset=0&length=0", "")]
    [InlineData("?offset=18", "")]
    [InlineData("?offset=1000&length=10", "")]
    public async Task Read_AnswersTheBytesFromTheOffset_AtMostTheLength_WithTheLogsSize(string range, string expected)
    {
        using var response = await _http.GetAsync(new Uri($"api/v1/agent/tasks/{TaskId}/logs/stdout{range}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected, await response.Content.ReadAsStringAsync());
        Assert.Equal(Stdout.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), response.Headers.GetValues(TaskLogReads.SizeHeader).Single());
    }

    [Fact]
    public async Task Read_OfStderr_AnswersTheTasksErrors()
    {
        using var response = await _http.GetAsync(new Uri($"api/v1/agent/tasks/{TaskId}/logs/stderr", UriKind.Relative));

        Assert.Equal("oops\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("5", response.Headers.GetValues(TaskLogReads.SizeHeader).Single());
    }

    [Theory]
    [InlineData("tasks/printer/logs/stdout?offset=-1", HttpStatusCode.BadRequest, "offset: '-1' is not a whole number, 0 or more")]
    [InlineData("tasks/printer/logs/stdout?length=many", HttpStatusCode.BadRequest, "length: 'many' is not a whole number, 0 or more")]
    [InlineData("tasks/printer/logs/stdout?offset=x&length=-2", HttpStatusCode.BadRequest, "offset: 'x' is not a whole number, 0 or more; length: '-2'")]
    [InlineData("tasks/bad%20id/logs/stdout", HttpStatusCode.BadRequest, "invalid task id")]
    [InlineData("tasks/..%2F..%2Fetc/logs/stdout", HttpStatusCode.BadRequest, "invalid task id")]
    [InlineData("tasks/never-launched/logs/stdout", HttpStatusCode.NotFound, "no sandbox for task 'never-launched'")]
    [InlineData("tasks/printer/logs/stdin", HttpStatusCode.NotFound, "")]
    public async Task Read_RefusesBadInput_WithoutReadingOutsideTheSandboxes(string path, HttpStatusCode status, string message)
    {
        using var response = await _http.GetAsync(new Uri("api/v1/agent/" + path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains(TaskLogReads.SizeHeader));
    }

    [Fact]
    public async Task Read_WithoutTheToken_Is401()
    {
        using var anonymous = new HttpClient { BaseAddress = _http.BaseAddress };

        using var response = await anonymous.GetAsync(new Uri($"api/v1/agent/tasks/{TaskId}/logs/stdout", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }
}
