using System.Runtime.InteropServices;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>The few libc calls the process containerizer needs that .NET does not offer (glibc 2.36+, Linux 5.3+).</summary>
/// <remarks>Only blittable arguments, so plain <c>DllImport</c> needs neither marshalling nor unsafe code.</remarks>
internal static class NativeMethods
{
    private const string Libc = "libc";

    internal const int SIGHUP = 1;
    internal const int SIGINT = 2;
    internal const int SIGKILL = 9;
    internal const int SIGTERM = 15;

    internal const int EINTR = 4;
    internal const int ESRCH = 3;
    internal const int EAGAIN = 11;

    internal const short POLLIN = 0x1;

    private const int EFD_NONBLOCK = 0x800;
    private const int EFD_CLOEXEC = 0x80000;

    /// <summary>One entry of a <c>poll(2)</c> set.</summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    /// <summary>Sends a signal to a process (<paramref name="pid"/> &gt; 0) or a process group (&lt; 0).</summary>
    [DllImport(Libc, EntryPoint = "kill", SetLastError = true)]
    internal static extern int Kill(int pid, int signal);

    /// <summary>A file descriptor that becomes readable when the process exits; close-on-exec by default.</summary>
    [DllImport(Libc, EntryPoint = "pidfd_open", SetLastError = true)]
    internal static extern int PidfdOpen(int pid, uint flags);

    [DllImport(Libc, EntryPoint = "poll", SetLastError = true)]
    internal static extern int Poll([In, Out] PollFd[] fds, ulong count, int timeoutMilliseconds);

    [DllImport(Libc, EntryPoint = "eventfd", SetLastError = true)]
    private static extern int EventFd(uint initialValue, int flags);

    [DllImport(Libc, EntryPoint = "read", SetLastError = true)]
    private static extern nint Read(int fd, ref ulong buffer, nuint count);

    [DllImport(Libc, EntryPoint = "write", SetLastError = true)]
    private static extern nint Write(int fd, ref ulong buffer, nuint count);

    [DllImport(Libc, EntryPoint = "close", SetLastError = true)]
    internal static extern int Close(int fd);

    /// <summary>A non-blocking, close-on-exec eventfd used to wake a thread blocked in <c>poll</c>.</summary>
    internal static int CreateEventFd() => EventFd(0, EFD_NONBLOCK | EFD_CLOEXEC);

    /// <summary>Adds one to an eventfd's counter, making it readable.</summary>
    internal static void SignalEventFd(int fd)
    {
        ulong one = 1;
        _ = Write(fd, ref one, sizeof(ulong));
    }

    /// <summary>Resets an eventfd's counter; a no-op when it was not signalled (non-blocking).</summary>
    internal static void DrainEventFd(int fd)
    {
        ulong value = 0;
        _ = Read(fd, ref value, sizeof(ulong));
    }

    /// <summary>The errno of the last call above.</summary>
    internal static int LastError => Marshal.GetLastPInvokeError();
}
