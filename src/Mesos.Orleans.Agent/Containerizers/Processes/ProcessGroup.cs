namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>Signals a container's process group, whose id is its wrapper's pid.</summary>
internal static class ProcessGroup
{
    /// <summary>
    /// Sends <paramref name="signal"/> to the group led by <paramref name="pid"/>, only if that pid is still the
    /// process that started at <paramref name="startTime"/> (a zombie counts: its group id stays reserved).
    /// False when that process is gone, so there was nobody to signal.
    /// </summary>
    public static bool Signal(int pid, ulong startTime, int signal)
    {
        if (pid <= 0 || !ProcStat.TryRead(pid, out var stat) || stat.StartTime != startTime)
        {
            return false;
        }

        if (NativeMethods.Kill(-pid, signal) != 0 && NativeMethods.LastError == NativeMethods.ESRCH)
        {
            // No such group yet: the wrapper has not reached setsid(). It is still alone, so signal it alone.
            _ = NativeMethods.Kill(pid, signal);
        }

        return true;
    }

    /// <summary>
    /// SIGKILLs whatever is left in the group of a wrapper that has just exited (daemons, background jobs that
    /// ignored SIGTERM), as Mesos destroys a container once its task ended. Called right after the exit is seen:
    /// while any member lives the group id cannot be reused, and pids are handed out cyclically.
    /// </summary>
    public static void KillLeftovers(int pid)
    {
        if (pid > 0)
        {
            _ = NativeMethods.Kill(-pid, NativeMethods.SIGKILL);
        }
    }
}
