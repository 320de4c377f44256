using System.Globalization;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>Recovery after an agent restart: re-adopting owned containers, destroying the others.</summary>
public sealed partial class ProcessContainerizer
{
    private RecoveredContainer Recover(ContainerRecord record)
    {
        var id = record.ContainerId;
        if (!ContainerMetadata.IsValidContainerId(id))
        {
            return new RecoveredContainer(record, ContainerExits.Unknown(false, "exit status unknown: the container id cannot name a directory"));
        }

        lock (_gate)
        {
            if (_containers.TryGetValue(id, out var known))
            {
                return new RecoveredContainer(record, known.HasExited ? known.Exited.Result : null);
            }
        }

        var metadata = new ContainerMetadata(RootDirectory, id);
        var (pid, startTime) = ReadPid(record, metadata);
        var container = new ProcessContainer(record, metadata, pid, startTime);
        ContainerExit? exit = null;
        if (!TryAdopt(container))
        {
            exit = metadata.ReadExitStatus() is { } status
                ? ContainerExits.Exited(status, killedOnRequest: false, whileAgentDown: true)
                : ContainerExits.Unknown(false, "exited while the agent was down; exit status unknown");
            container.TryComplete(exit);
            ProcessContainerizerLog.RecoveredEnded(_logger, id, exit.Message);
        }

        lock (_gate)
        {
            _containers[id] = container;
        }

        return new RecoveredContainer(record, exit);
    }

    private bool TryAdopt(ProcessContainer container)
    {
        if (container.Pid <= 0 || !ProcStat.IsSameLiveProcess(container.Pid, container.StartTime))
        {
            return false;
        }

        var pidfd = NativeMethods.PidfdOpen(container.Pid, 0);
        if (pidfd < 0)
        {
            return false;
        }

        // Checked again now that the pidfd pins whatever has this pid: it may have been reused in between.
        if (!ProcStat.IsSameLiveProcess(container.Pid, container.StartTime))
        {
            _ = NativeMethods.Close(pidfd);
            return false;
        }

        container.Pidfd = pidfd;
        _watcher.Value.Watch(pidfd, () => Task.Run(() => AdoptedExited(container)));
        ProcessContainerizerLog.Readopted(_logger, container.Id, container.Pid);
        return true;
    }

    private void AdoptedExited(ProcessContainer container)
    {
        // Not our child, so no wait status: the wrapper's record, or what we know we did to it.
        var exit = container.Metadata.ReadExitStatus() is { } status ? ContainerExits.Exited(status, container.KillRequested)
            : container.Escalated ? ContainerExits.Signalled(NativeMethods.SIGKILL, killedOnRequest: true, afterGracePeriod: true)
            : ContainerExits.Unknown(container.KillRequested, "exited without recording an exit status; exit status unknown (re-adopted after an agent restart, it cannot be waited on)");
        Finish(container, exit);
    }

    private void DestroyUnowned(HashSet<string> ownedIds)
    {
        if (!Directory.Exists(RootDirectory))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(RootDirectory))
        {
            var id = Path.GetFileName(directory);
            lock (_gate)
            {
                if (ownedIds.Contains(id) || _containers.ContainsKey(id) || _launching.Contains(id))
                {
                    continue;
                }
            }

            var metadata = new ContainerMetadata(RootDirectory, id);
            if (metadata.TryReadPid(out var pid, out var startTime) && ProcessGroup.Signal(pid, startTime, NativeMethods.SIGKILL))
            {
                ProcessContainerizerLog.DestroyingUnowned(_logger, id, pid);
            }

            DeleteMetadata(metadata, id);
        }
    }

    private static (int Pid, ulong StartTime) ReadPid(ContainerRecord record, ContainerMetadata metadata)
    {
        if (record.Data.TryGetValue(PidKey, out var pidText) && record.Data.TryGetValue(StartTimeKey, out var startText)
            && int.TryParse(pidText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0
            && ulong.TryParse(startText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var startTime))
        {
            return (pid, startTime);
        }

        // The checkpointed record lacks them: fall back on the pid file written at launch.
        return metadata.TryReadPid(out pid, out startTime) ? (pid, startTime) : (0, 0);
    }
}
