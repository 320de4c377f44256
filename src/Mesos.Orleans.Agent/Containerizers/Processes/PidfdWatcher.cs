using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>
/// Notices the exit of processes that are not this process's children (re-adopted after an agent restart, so
/// they cannot be waited on): one shared thread polls all their pidfds plus an eventfd that wakes it when the
/// set changes. No thread per process and no timed polling.
/// </summary>
internal sealed class PidfdWatcher : IDisposable
{
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<int, Action> _watched = [];
    private readonly List<int> _toClose = [];
    private readonly int _wakeFd;
    private Thread? _thread;
    private bool _disposed;

    /// <summary>Creates the watcher; its thread starts with the first <see cref="Watch"/>.</summary>
    public PidfdWatcher(ILogger logger)
    {
        _logger = logger;
        _wakeFd = NativeMethods.CreateEventFd();
        if (_wakeFd < 0)
        {
            throw new IOException($"eventfd failed with errno {NativeMethods.LastError}.");
        }
    }

    /// <summary>
    /// Watches <paramref name="pidfd"/>, taking ownership of it: <paramref name="onExit"/> runs once, on the watcher
    /// thread, when the process has exited, and the fd is closed. Keep <paramref name="onExit"/> short.
    /// </summary>
    public void Watch(int pidfd, Action onExit)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                _ = NativeMethods.Close(pidfd);
                throw new ObjectDisposedException(nameof(PidfdWatcher));
            }

            _watched.Add(pidfd, onExit);
            if (_thread is null)
            {
                _thread = new Thread(Run) { IsBackground = true, Name = "pidfd watcher" };
                _thread.Start();
            }
        }

        NativeMethods.SignalEventFd(_wakeFd);
    }

    /// <summary>Stops watching <paramref name="pidfd"/> and closes it; a no-op once its exit was reported.</summary>
    public void Unwatch(int pidfd)
    {
        lock (_gate)
        {
            if (!_watched.Remove(pidfd))
            {
                return;
            }

            // Closed by the watcher thread, so no fd is closed (and its number reused) while poll holds it.
            _toClose.Add(pidfd);
        }

        NativeMethods.SignalEventFd(_wakeFd);
    }

    /// <summary>Stops the thread and closes every fd; the watched processes are left alone.</summary>
    public void Dispose()
    {
        Thread? thread;
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            thread = _thread;
        }

        NativeMethods.SignalEventFd(_wakeFd);
        if (thread is not null && thread != Thread.CurrentThread)
        {
            thread.Join();
        }

        lock (_gate)
        {
            foreach (var fd in _watched.Keys.Concat(_toClose))
            {
                _ = NativeMethods.Close(fd);
            }

            _watched.Clear();
            _toClose.Clear();
        }

        _ = NativeMethods.Close(_wakeFd);
    }

    private void Run()
    {
        while (true)
        {
            NativeMethods.PollFd[] set;
            lock (_gate)
            {
                if (_disposed)
                {
                    return;
                }

                foreach (var fd in _toClose)
                {
                    _ = NativeMethods.Close(fd);
                }

                _toClose.Clear();
                set = new NativeMethods.PollFd[_watched.Count + 1];
                set[0] = new NativeMethods.PollFd { Fd = _wakeFd, Events = NativeMethods.POLLIN };
                var i = 1;
                foreach (var fd in _watched.Keys)
                {
                    set[i++] = new NativeMethods.PollFd { Fd = fd, Events = NativeMethods.POLLIN };
                }
            }

            if (NativeMethods.Poll(set, (ulong)set.Length, -1) < 0)
            {
                var errno = NativeMethods.LastError;
                if (errno is NativeMethods.EINTR or NativeMethods.EAGAIN)
                {
                    continue;
                }

                ProcessContainerizerLog.WatcherFailed(_logger, errno);
                return;
            }

            if (set[0].Revents != 0)
            {
                NativeMethods.DrainEventFd(_wakeFd);
            }

            for (var i = 1; i < set.Length; i++)
            {
                if (set[i].Revents != 0)
                {
                    Exited(set[i].Fd);
                }
            }
        }
    }

    private void Exited(int pidfd)
    {
        Action? onExit;
        lock (_gate)
        {
            if (!_watched.Remove(pidfd, out onExit))
            {
                return;
            }
        }

        _ = NativeMethods.Close(pidfd);
        try
        {
            onExit();
        }
#pragma warning disable CA1031 // A failing callback must not stop the thread that watches every other container.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ProcessContainerizerLog.ExitCallbackFailed(_logger, exception);
        }
    }
}
