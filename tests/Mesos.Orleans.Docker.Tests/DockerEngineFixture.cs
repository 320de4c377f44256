using System.Diagnostics;
using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Docker.Errors;
using Mesos.Orleans.Docker.Tests.Support;
using Mesos.Orleans.Docker.Transport;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

/// <summary>
/// A Docker engine for tests. Connects to the engine named by <c>DOCKER_HOST</c> (default
/// <c>/var/run/docker.sock</c>); when none answers and the process runs as root, installs Debian's <c>docker.io</c>
/// if <c>dockerd</c> is missing and starts <c>dockerd --storage-driver=vfs</c> (stopping it again on dispose). Imports
/// the busybox test image (<see cref="TestImage"/>) when absent. Containers made through
/// <see cref="CreateAsync"/> carry this run's label and are force-removed on dispose. Without an engine it fails
/// with a message saying why: tests are never skipped.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    /// <summary>The image every test container runs: a static busybox with its applets linked in /bin.</summary>
    public const string TestImage = TestImageBuilder.Repository + ":" + TestImageBuilder.Tag;

    /// <summary>The label every test container carries (value: the run's id).</summary>
    public const string RunLabel = "mesos-orleans-test.run";

    private const string DockerdLog = "/tmp/mesos-orleans-dockerd.log";
    private static readonly TimeSpan EngineStartTimeout = TimeSpan.FromSeconds(90);
    private Process? _dockerd;

    /// <summary>The client of the engine.</summary>
    public DockerClient Client { get; } = new(new DockerClientOptions());

    /// <summary>This fixture's run id, the value of <see cref="RunLabel"/> on its containers.</summary>
    public string RunId { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Connects (starting an engine if need be) and makes sure the test image exists.</summary>
    public async Task InitializeAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        var notes = new List<string>();
        if (!await AnswersAsync(cts.Token).ConfigureAwait(false))
        {
            await StartEngineAsync(notes, cts.Token).ConfigureAwait(false);
        }

        await TestImageBuilder.EnsureAsync(Client, cts.Token).ConfigureAwait(false);
    }

    /// <summary>Removes this run's containers; stops the engine if this fixture started it.</summary>
    public async Task DisposeAsync()
    {
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            if (await AnswersAsync(cts.Token).ConfigureAwait(false))
            {
                foreach (var container in await Client.Containers.ListAsync(DockerFilters.Label(RunLabel, RunId), all: true, cts.Token).ConfigureAwait(false))
                {
                    try
                    {
                        await Client.Containers.RemoveAsync(container.Id, force: true, removeVolumes: true, cts.Token).ConfigureAwait(false);
                    }
                    catch (DockerNotFoundException)
                    {
                        // Removed meanwhile (e.g. by the test itself).
                    }
                }
            }
        }
        finally
        {
            Client.Dispose();
            if (_dockerd is { } dockerd)
            {
                await ProcessRunner.RunAsync("kill", ["-TERM", dockerd.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10)).ConfigureAwait(false);
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
    }

    /// <summary>A request for a container of <see cref="TestImage"/> running <paramref name="cmd"/>.</summary>
    public static CreateContainerRequest Busybox(params string[] cmd) => new() { Image = TestImage, Cmd = cmd };

    /// <summary>Creates a container from <paramref name="request"/> with this run's label and a unique name; starts it unless told not to.</summary>
    public async Task<string> CreateAsync(CreateContainerRequest request, bool start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var labels = new Dictionary<string, string>(request.Labels ?? new Dictionary<string, string>()) { [RunLabel] = RunId };
        var created = await Client.Containers.CreateAsync(
            request with { Labels = labels, Name = request.Name ?? "mesos-orleans-test-" + Guid.NewGuid().ToString("N")[..12] },
            cancellationToken).ConfigureAwait(false);
        if (start)
        {
            await Client.Containers.StartAsync(created.Id, cancellationToken).ConfigureAwait(false);
        }

        return created.Id;
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
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
            throw Unavailable(notes, "DOCKER_HOST names a TCP engine; the fixture only starts local engines on a Unix socket.");
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw Unavailable(notes, "Not running as root, so the fixture cannot install or start dockerd.");
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
