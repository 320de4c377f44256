using System.Globalization;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>Builds the <see cref="ContainerExit"/> records of process containers, with their sentences.</summary>
internal static class ContainerExits
{
    /// <summary>The task exited with <paramref name="code"/> (the shell turns death by signal n into 128+n).</summary>
    public static ContainerExit Exited(int code, bool killedOnRequest, bool whileAgentDown = false)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"exited with code {code}");
        if (code is > 128 and < 128 + 65)
        {
            message += $" ({SignalName(code - 128)})";
        }

        if (killedOnRequest)
        {
            message += " after being asked to stop";
        }

        if (whileAgentDown)
        {
            message += " while the agent was down";
        }

        return new ContainerExit { ExitCode = code, KilledOnRequest = killedOnRequest, Message = message };
    }

    /// <summary>The task's wrapper was ended by <paramref name="signal"/>, so no exit code was recorded.</summary>
    public static ContainerExit Signalled(int signal, bool killedOnRequest, bool afterGracePeriod)
    {
        var message = string.Create(CultureInfo.InvariantCulture, $"killed by signal {signal} ({SignalName(signal)})");
        if (afterGracePeriod)
        {
            message += " after the grace period";
        }

        return new ContainerExit { Signal = signal, KilledOnRequest = killedOnRequest, Message = message };
    }

    /// <summary>The task ended and left no exit status (its wrapper was killed while nobody could wait on it).</summary>
    public static ContainerExit Unknown(bool killedOnRequest, string message) =>
        new() { KilledOnRequest = killedOnRequest, Message = message };

    /// <summary>The usual name of a Linux signal ("SIGKILL"), or "signal n".</summary>
    public static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP",
        2 => "SIGINT",
        3 => "SIGQUIT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        10 => "SIGUSR1",
        11 => "SIGSEGV",
        12 => "SIGUSR2",
        13 => "SIGPIPE",
        14 => "SIGALRM",
        15 => "SIGTERM",
        24 => "SIGXCPU",
        25 => "SIGXFSZ",
        _ => string.Create(CultureInfo.InvariantCulture, $"signal {signal}"),
    };
}
