using System.Diagnostics;
using System.Globalization;
using Mesos.Orleans.Docker;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Transport;

namespace Mesos.Orleans.Testing.Docker;

/// <summary>
/// A Docker engine for tests and benchmarks. Connects to the engine named by <c>DOCKER_HOST</c> (default
/// <c>/var/run/docker.sock</c>); when none answers and the process runs as root, installs Debian's <c>docker.io</c>
/// if <c>dockerd</c> is missing and starts <c>dockerd --storage-driver=vfs</c> (stopping it again on dispose). Imports
/// the busybox test image (<see cref="TestImage"/>) when absent. Without an engine it fails with a message saying
/// why: tests are never skipped.
/// </summary>
/// <remarks>
/// Containers a test makes carry <see cref="RunLabel"/> with a run id; <see cref="RemoveContainersAsync"/> removes
/// them. <see cref="Shared"/> is one engine for a whole test process.
/// </remarks>
public sealed class TestDockerEngine : IAsyncDisposable
{
    /// <summary>The image every test container runs: a static busybox with its applets linked in /bin.</summary>
    public const string TestImage = TestImageBuilder.Repository + ":" + TestImageBuilder.Tag;

    /// <summary>The label every test container carries (value: the run's id).</summary>
    public const string RunLabel = "mesos-orleans-test.run";

    private const string DockerdLog = "/tmp/mesos-orleans-dockerd.log";
    private static readonly TimeSpan EngineStartTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<TestDockerEngine>> SharedEngine = new(() => StartAsync(CancellationToken.None));
    private Process? _dockerd;

    private TestDockerEngine()
    {
    }

    /// <summary>The client of the engine.</summary>
    public DockerClient Client { get; } = new(new DockerClientOptions());

    /// <summary>One engine for the whole process, started on first use; its dockerd (if it started one) lives as long as the process.</summary>
    public static Task<TestDockerEngine> Shared => SharedEngine.Value;

    /// <summary>Connects (starting an engine if need be) and makes sure the test image exists.</summary>
    public static async Task<TestDockerEngine> StartAsync(CancellationToken cancellationToken)
    {
        var engine = new TestDockerEngine();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(TimeSpan.FromMinutes(10));
        var notes = new List<string>();
        if (!await engine.AnswersAsync(cts.Token).ConfigureAwait(false))
        {
            await engine.StartEngineAsync(notes, cts.Token).ConfigureAwait(false);
        }

        await TestImageBuilder.EnsureAsync(engine.Client, cts.Token).ConfigureAwait(false);
        return engine;
    }

    /// <summary>A new run id, for <see cref="RunLabel"/>.</summary>
    public static string NewRunId() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>The ids of the containers (running or not) that carry <paramref name="label"/> = <paramref name="value"/>.</summary>
    public async Task<IReadOnlyList<string>> ContainersAsync(string label, string value, bool all = true, CancellationToken cancellationToken = default) =>
        [.. (await Client.Containers.ListAsync(DockerFilters.Label(label, value), all, cancellationToken).ConfigureAwait(false)).Select(c => c.Id)];

    /// <summary>Force-removes every container that carries <paramref name="label"/> = <paramref name="value"/>.</summary>
    public async Task RemoveContainersAsync(string label, string value, CancellationToken cancellationToken = default)
    {
        foreach (var id in await ContainersAsync(label, value, all: true, cancellationToken).ConfigureAwait(false))
        {
            try
            {
                await Client.Containers.RemoveAsync(id, force: true, removeVolumes: true, cancellationToken).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // Removed meanwhile (e.g. by the test itself), or being removed.
            }
        }
    }

    /// <summary>Stops the engine if this instance started it.</summary>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (_dockerd is { } dockerd)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", dockerd.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await dockerd.WaitForExitAsync(cts.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                dockerd.Kill(entireProcessTree: true);
            }

            dockerd.Dispose();
        }
    }

    /// <summary>True when the engine answers a ping within a few seconds.</summary>
    public async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await Client.PingAsync(timeout.Token).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is DockerException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task StartEngineAsync(List<string> notes, CancellationToken cancellationToken)
    {
        var endpoint = Client.Endpoint;
        notes.Add($"No Docker engine answered at {endpoint}.");
        if (!endpoint.IsUnixSocket)
        {
            throw Unavailable(notes, "DOCKER_HOST names a TCP engine; the tests only start local engines on a Unix socket.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw Unavailable(notes, "Not running as root, so the tests cannot install or start dockerd.");
        }

        if (ProcessRunner.FindOnPath("dockerd") is null)
        {
            notes.Add("dockerd is not installed; installing Debian's docker.io.");
            await AptGet.InstallAsync("docker.io", notes, cancellationToken).ConfigureAwait(false);
        }

        var dockerdPath = ProcessRunner.FindOnPath("dockerd") ?? throw Unavailable(notes, "dockerd is still not on PATH.");
        notes.Add($"Starting {dockerdPath} --storage-driver=vfs -H {endpoint} (log: {DockerdLog}).");
        _dockerd = Process.Start(new ProcessStartInfo("/bin/sh")
        {
            ArgumentList = { "-c", $"exec '{dockerdPath}' --storage-driver=vfs -H '{endpoint}' >>{DockerdLog} 2>&1 </dev/null" },
            UseShellExecute = false,
        }) ?? throw Unavailable(notes, "dockerd did not start.");

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < EngineStartTimeout)
        {
            if (_dockerd.HasExited)
            {
                throw Unavailable(notes, $"dockerd exited with {_dockerd.ExitCode}; see {DockerdLog}.");
            }

            if (await AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        throw Unavailable(notes, $"dockerd did not answer within {EngineStartTimeout.TotalSeconds} s; see {DockerdLog}.");
    }

    private static InvalidOperationException Unavailable(List<string> notes, string reason) =>
        new($"No Docker engine for the tests. {string.Join(' ', notes)} {reason} Start one (as root: apt-get install -y docker.io && dockerd --storage-driver=vfs &) or set DOCKER_HOST.");
}
