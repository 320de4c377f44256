using Microsoft.Extensions.Hosting;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>
/// A host lifetime that leaves signals alone: the command line already turns Ctrl-C and SIGTERM into a cancellation
/// and stops the host itself, so a second handler would only race it.
/// </summary>
internal sealed class CommandLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
