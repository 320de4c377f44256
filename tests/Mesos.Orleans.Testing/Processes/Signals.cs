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

    /// <summary>Sends <paramref name="signal"/>; false when no such process.</summary>
    public static bool Send(int pid, int signal) => NativeKill(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int NativeKill(int pid, int signal);
}
