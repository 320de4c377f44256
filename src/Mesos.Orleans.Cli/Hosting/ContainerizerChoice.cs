using Mesos.Orleans.Agent.Containerizers.Docker;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Cli.Commands;

namespace Mesos.Orleans.Cli.Hosting;

/// <summary>Which containerizers an agent gets: <c>--containerizers</c> as given, or docker,process when an engine answers.</summary>
internal static class ContainerizerChoice
{
    /// <summary>The option, as Mesos' agent flag.</summary>
    public const string Description =
        "The agent's containerizers, as Mesos' agent flag: docker,process (default: docker,process when a Docker engine answers at DOCKER_HOST or /var/run/docker.sock, else process)";

    /// <summary>Parses <c>--containerizers</c>; null <paramref name="kinds"/> when not given.</summary>
    public static bool TryParse(string? text, CliContext cli, out IReadOnlyList<string>? kinds)
    {
        kinds = null;
        if (text is null)
        {
            return true;
        }

        var names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] known = [DockerContainerizer.ContainerKind, ProcessContainerizer.ContainerKind];
        if (names.Length == 0 || names.Any(n => !known.Contains(n, StringComparer.Ordinal)))
        {
            cli.Error.WriteLine($"Error: --containerizers: '{text}' must name docker and/or process, comma-separated (docker,process)");
            return false;
        }

        kinds = [.. names.Distinct(StringComparer.Ordinal)];
        return true;
    }

    /// <summary>
    /// The containerizers <paramref name="asked"/> for, or docker,process when an engine answers; null (after saying
    /// why) when docker was asked for and no engine answers.
    /// </summary>
    public static async Task<(IReadOnlyList<string>? Containerizers, DockerEngineConnection? Docker)> ResolveAsync(
        CliContext cli, IReadOnlyList<string>? asked, CancellationToken cancellationToken)
    {
        if (asked is not null && !asked.Contains(DockerContainerizer.ContainerKind))
        {
            return (asked, null);
        }

        var docker = await DockerEngineProbe.ConnectAsync(DockerEngineProbe.DefaultTimeout, cancellationToken);
        if (docker.Client is not null)
        {
            return (asked ?? [DockerContainerizer.ContainerKind, ProcessContainerizer.ContainerKind], docker);
        }

        if (asked is null)
        {
            return ([ProcessContainerizer.ContainerKind], docker);
        }

        cli.Error.WriteLine($"Warning: --containerizers asks for docker, but no Docker engine answers at {docker.Endpoint}: {docker.Error}");
        cli.Error.WriteLine("Error: cannot run the docker containerizer without an engine; start one (dockerd), set DOCKER_HOST, or use --containerizers process.");
        return (null, docker);
    }
}
