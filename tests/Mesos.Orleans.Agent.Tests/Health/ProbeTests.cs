using System.Net;
using System.Net.Sockets;
using System.Text;
using Mesos.Orleans.Agent.Health;
using Mesos.Orleans.Testing;

namespace Mesos.Orleans.Agent.Tests.Health;

/// <summary>The probes against real sockets and processes.</summary>
public sealed class ProbeTests
{
    [Fact]
    public async Task TcpProbe_PassesOnAnOpenPortAndFailsOnAClosedOne()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var open = ((IPEndPoint)listener.LocalEndpoint).Port;

        Assert.True((await new TcpProbe(open).ProbeAsync(CancellationToken.None)).Passed);
        var closed = await new TcpProbe(FreePort.Next()).ProbeAsync(CancellationToken.None);
        Assert.False(closed.Passed);
        Assert.Contains("ConnectionRefused", closed.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(200, null, true)]
    [InlineData(302, null, true)]
    [InlineData(500, null, false)]
    [InlineData(204, new[] { 200 }, false)]
    [InlineData(204, new[] { 200, 204 }, true)]
    public async Task HttpProbe_JudgesTheStatusCode(int status, int[]? passing, bool passed)
    {
        await using var server = OneAnswerServer.Start(status);
        var result = await new HttpProbe(HttpProbe.SharedClient, new Uri($"http://127.0.0.1:{server.Port}/health"), passing, ignore1xx: false)
            .ProbeAsync(CancellationToken.None);

        Assert.Equal(passed, result.Passed);
        Assert.StartsWith($"HTTP GET /health on port {server.Port}: {status}", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HttpProbe_FailsWhenNoAnswerComesInTime()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var result = await new HttpProbe(HttpProbe.SharedClient, new Uri($"http://127.0.0.1:{port}/"), null, false).ProbeAsync(timeout.Token);

        Assert.False(result.Passed);
        Assert.Contains("no answer within", result.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommandProbe_UsesTheExitCodeTheSandboxAndTheEnvironment()
    {
        var sandbox = Directory.CreateTempSubdirectory("probe-").FullName;
        File.WriteAllText(Path.Combine(sandbox, "marker"), "");
        var env = new Dictionary<string, string> { ["EXPECTED"] = "yes" };

        Assert.True((await new CommandProbe("test -f marker && test \"$EXPECTED\" = yes", sandbox, env).ProbeAsync(CancellationToken.None)).Passed);
        var failed = await new CommandProbe("echo broken >&2; exit 3", sandbox, env).ProbeAsync(CancellationToken.None);
        Assert.False(failed.Passed);
        Assert.Equal("command 'echo broken >&2; exit 3': exit code 3 (broken)", failed.Text);
    }

    /// <summary>Answers one HTTP request with a status code and closes.</summary>
    private sealed class OneAnswerServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly Task _serving;

        private OneAnswerServer(int status)
        {
            _listener.Start();
            _serving = ServeAsync(status);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public static OneAnswerServer Start(int status) => new(status);

        private async Task ServeAsync(int status)
        {
            using var client = await _listener.AcceptTcpClientAsync();
            var stream = client.GetStream();
            var buffer = new byte[4096];
            _ = await stream.ReadAsync(buffer);
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 {status} X\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        }

        public async ValueTask DisposeAsync()
        {
            _listener.Stop();
            await _serving.WaitAsync(TimeSpan.FromSeconds(5)).ContinueWith(_ => { }, TaskScheduler.Default);
            _listener.Dispose();
        }
    }
}
