using Mesos.Orleans.Docker.Containers;
using Mesos.Orleans.Testing.Docker;
using Xunit;

namespace Mesos.Orleans.Docker.Tests;

/// <summary>
/// The Docker engine of the client's tests (<see cref="TestDockerEngine"/>: started when none answers, with the
/// busybox test image). Containers made through <see cref="CreateAsync"/> carry this run's label and are
/// force-removed on dispose. Without an engine it fails with a message saying why: tests are never skipped.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    /// <summary>The image every test container runs: a static busybox with its applets linked in /bin.</summary>
    public const string TestImage = TestDockerEngine.TestImage;

    /// <summary>The label every test container carries (value: the run's id).</summary>
    public const string RunLabel = TestDockerEngine.RunLabel;

    private TestDockerEngine? _engine;

    /// <summary>The client of the engine.</summary>
    public DockerClient Client => _engine?.Client ?? throw new InvalidOperationException("The engine is not started yet.");

    /// <summary>This fixture's run id, the value of <see cref="RunLabel"/> on its containers.</summary>
    public string RunId { get; } = TestDockerEngine.NewRunId();

    /// <summary>Connects (starting an engine if need be) and makes sure the test image exists.</summary>
    public async Task InitializeAsync() => _engine = await TestDockerEngine.StartAsync(CancellationToken.None).ConfigureAwait(false);

    /// <summary>Removes this run's containers; stops the engine if this fixture started it.</summary>
    public async Task DisposeAsync()
    {
        if (_engine is not { } engine)
        {
            return;
        }

        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            if (await engine.AnswersAsync(cts.Token).ConfigureAwait(false))
            {
                await engine.RemoveContainersAsync(RunLabel, RunId, cts.Token).ConfigureAwait(false);
            }
        }
        finally
        {
            await engine.DisposeAsync().ConfigureAwait(false);
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
}
