using System.Globalization;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Docker.Containers;

namespace Mesos.Orleans.Agent.Containerizers.Docker;

/// <summary>Builds the <see cref="ContainerExit"/> of a Docker container from the engine's account of its end.</summary>
internal static class DockerExits
{
    /// <summary>The end the engine recorded: its exit code, whether the OOM killer ended it, the engine's error.</summary>
    public static ContainerExit From(ContainerState state, double memoryMb, bool killedOnRequest, bool whileAgentDown)
    {
        if (state.OomKilled)
        {
            var message = string.Create(CultureInfo.InvariantCulture,
                $"the container went over its memory limit of {memoryMb} MB and was killed (exit code {state.ExitCode})");
            return new ContainerExit
            {
                ExitCode = state.ExitCode,
                OutOfMemory = true,
                KilledOnRequest = killedOnRequest,
                Message = whileAgentDown ? message + " while the agent was down" : message,
            };
        }

        var exit = ContainerExits.Exited(state.ExitCode, killedOnRequest, whileAgentDown);
        return string.IsNullOrWhiteSpace(state.Error) ? exit : exit with { Message = $"{exit.Message}: {state.Error}" };
    }

    /// <summary>The container is gone: removed behind the agent's back, so only the die event's code may be known.</summary>
    public static ContainerExit Removed(int? exitCode, bool killedOnRequest, bool whileAgentDown)
    {
        if (exitCode is { } code)
        {
            var exit = ContainerExits.Exited(code, killedOnRequest, whileAgentDown);
            return exit with { Message = exit.Message + "; the container was removed" };
        }

        return ContainerExits.Unknown(killedOnRequest, whileAgentDown
            ? "the container was removed while the agent was down; exit status unknown"
            : "the container was removed; exit status unknown");
    }
}
