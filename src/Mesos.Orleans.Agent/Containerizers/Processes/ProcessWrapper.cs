using System.Diagnostics;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>
/// Builds the command line that starts a task: <c>setsid /bin/sh -c &lt;wrapper&gt; … &lt;metadata dir&gt; &lt;task argv…&gt;</c>.
/// </summary>
/// <remarks>
/// setsid gives the task its own session and process group (a kill reaches the whole tree; the agent terminal's
/// Ctrl-C does not); it does not fork, because a child .NET starts is never a group leader, so the wrapper keeps
/// the pid .NET knows and its exit is seen through the runtime's SIGCHLD handling.
/// </remarks>
internal static class ProcessWrapper
{
    /// <summary>What the wrapper prints on its original stdout once it has set itself up.</summary>
    public const string ReadyLine = "ready";

    /// <summary>Prefix of the agent's own variables, which tasks do not inherit.</summary>
    public const string AgentVariablePrefix = "MESOS_ORLEANS_";

    // The user command arrives as positional arguments, never spliced into this text.
    // - a trap *handler* rather than ignoring: handlers reset on exec (and in subshells), so the task gets default
    //   dispositions, and a trapped signal waits until the foreground task exits, so the wrapper survives to
    //   record the status;
    // - the task runs in the foreground (background jobs would get SIGINT ignored), in a subshell that says
    //   "ready" on fd 3 (the pipe to the agent) before exec: once the agent reads it, the task's process exists in
    //   the group with default signal handling, so a kill sent right after launch cannot fall between the cracks;
    // - the status file is written then renamed, so a reader never sees half of it; `command -p` finds mv on the
    //   default PATH whatever PATH the task was given.
    private const string Script = """
        meta=$1
        shift
        exec 3>&1 </dev/null >>stdout 2>>stderr || exit 125
        trap ':' TERM INT HUP
        (printf 'ready\n' >&3 && exec "$@" 3>&-)
        status=$?
        printf '%s\n' "$status" >"$meta/exit_status.tmp" && command -p mv -f -- "$meta/exit_status.tmp" "$meta/exit_status"
        exit "$status"
        """;

    /// <summary>The start info for a task: wrapper, sandbox as working directory, filtered environment.</summary>
    public static ProcessStartInfo CreateStartInfo(string setsidPath, string metadataDirectory, ContainerLaunch launch)
    {
        var environment = TaskEnvironment(launch);
        var info = new ProcessStartInfo(setsidPath)
        {
            UseShellExecute = false,
            WorkingDirectory = launch.SandboxDirectory,
            RedirectStandardInput = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Script);
        info.ArgumentList.Add("mesos-orleans-wrapper");
        info.ArgumentList.Add(metadataDirectory);
        foreach (var argument in TaskArguments(launch, environment))
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return info;
    }

    /// <summary>The agent's environment without its own variables, PWD set to the sandbox, overlaid with the launch's.</summary>
    public static Dictionary<string, string> TaskEnvironment(ContainerLaunch launch)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (!name.StartsWith(AgentVariablePrefix, StringComparison.Ordinal))
            {
                environment[name] = (string?)entry.Value ?? string.Empty;
            }
        }

        // The agent's PWD would lie about where the task runs (a shell fixes it, a plain program would not).
        environment["PWD"] = launch.SandboxDirectory;
        foreach (var (name, value) in launch.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    /// <summary>The task's own argument vector, checked so that a launch that cannot work fails at once.</summary>
    /// <exception cref="ContainerLaunchException">No command, or (argument vector) no such program.</exception>
    public static IReadOnlyList<string> TaskArguments(ContainerLaunch launch, IReadOnlyDictionary<string, string> environment)
    {
        var command = launch.Task.Command;
        if (command.Shell)
        {
            // A missing program is not a launch failure here: the shell runs and exits 127, as in Mesos.
            return string.IsNullOrWhiteSpace(command.Value)
                ? throw new ContainerLaunchException($"Task {launch.Task.TaskId} has a shell command with no value.")
                : ["/bin/sh", "-c", command.Value];
        }

        if (command.Arguments.Count == 0 || string.IsNullOrEmpty(command.Arguments[0]))
        {
            throw new ContainerLaunchException($"Task {launch.Task.TaskId} has an empty argument vector.");
        }

        var program = command.Arguments[0];
        if (FindProgram(program, launch.SandboxDirectory, environment.GetValueOrDefault("PATH")) is null)
        {
            throw new ContainerLaunchException(
                $"Task {launch.Task.TaskId} cannot start: no executable program '{program}' (looked in the sandbox and on PATH).");
        }

        return [.. command.Arguments];
    }

    /// <summary>Where exec would find <paramref name="program"/>, or null (as execvp: a slash means a path, else search PATH).</summary>
    private static string? FindProgram(string program, string workingDirectory, string? path)
    {
        if (program.Contains('/', StringComparison.Ordinal))
        {
            var full = Path.Combine(workingDirectory, program);
            return IsExecutableFile(full) ? full : null;
        }

        foreach (var directory in (path ?? "/usr/local/bin:/usr/bin:/bin").Split(':'))
        {
            var candidate = Path.Combine(directory.Length == 0 ? workingDirectory : Path.Combine(workingDirectory, directory), program);
            if (IsExecutableFile(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool IsExecutableFile(string path)
    {
        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return File.Exists(path) && (OperatingSystem.IsWindows() || (File.GetUnixFileMode(path) & anyExecute) != 0);
    }
}
