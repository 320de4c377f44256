using System.Runtime.InteropServices;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>Sends POSIX signals to processes and process groups (a negative pid).</summary>
public static partial class Signals
{
    /// <summary>SIGINT, what Ctrl-C sends.</summary>
    public const int Interrupt = 2;

    /// <summary>SIGKILL.</summary>
    public const int Kill = 9;

    /// <summary>SIGTERM.</summary>
    public const int Terminate = 15;

    /// <summary>SIGCONT: a stopped process runs on.</summary>
    public const int Continue = 18;

    /// <summary>SIGSTOP: the process is frozen until SIGCONT.</summary>
    public const int Stop = 19;

    /// <summary>Sends <paramref name="signal"/>; false when no such process.</summary>
    public static bool Send(int pid, int signal) => NativeKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
