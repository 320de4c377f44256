using System.Text;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Docker.Tests.Support;

/// <summary>Reads a container's logs into text per stream.</summary>
public static class ContainerOutput
{
    /// <summary>All of the output <paramref name="parameters"/> select, as (stdout, stderr).</summary>
    public static async Task<(string Stdout, string Stderr)> ReadAsync(DockerClient client, string id, ContainerLogsParameters? parameters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        await foreach (var frame in client.Containers.GetLogsAsync(id, parameters, cancellationToken).ConfigureAwait(false))
        {
            var target = frame.Stream == LogStreamType.Stderr ? stderr : stdout;
            target.Write(frame.Payload.Span);
        }

        return (Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    /// <summary>Follows a container's stdout until it contains <paramref name="text"/> (e.g. a readiness mark).</summary>
    public static async Task WaitForStdoutAsync(DockerClient client, string id, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var stdout = new MemoryStream();
        await foreach (var frame in client.Containers.GetLogsAsync(id, new ContainerLogsParameters { Follow = true, Stderr = false }, cancellationToken).ConfigureAwait(false))
        {
            stdout.Write(frame.Payload.Span);
            if (Encoding.UTF8.GetString(stdout.ToArray()).Contains(text, StringComparison.Ordinal))
            {
                return;
            }
        }

        throw new InvalidOperationException($"Container {id} stopped before writing '{text}'; it wrote '{Encoding.UTF8.GetString(stdout.ToArray())}'");
    }
}
