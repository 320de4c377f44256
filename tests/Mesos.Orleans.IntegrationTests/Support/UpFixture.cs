using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Support;

/// <summary>One <c>mesos-orleans up</c> shared by the tests of a class (each uses apps of its own names).</summary>
public sealed class UpFixture : IAsyncLifetime
{
    /// <summary>The running system.</summary>
    public UpProcess Up { get; private set; } = null!;

    /// <inheritdoc />
    public async Task InitializeAsync() => Up = await UpProcess.StartAsync();

    /// <inheritdoc />
    public async Task DisposeAsync() => await Up.DisposeAsync();
}
