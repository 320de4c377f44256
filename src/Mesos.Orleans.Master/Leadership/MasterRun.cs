using System.Globalization;

namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// One run of a master process, as it names itself in the leader lease: unique to the run, and saying where it runs
/// (the machine's boot and pid namespace) and as which process (pid and start time). A later run on the same machine
/// can then tell that the holder has died — killed, it renews no more — and take the lease over at once instead of
/// waiting for it to expire.
/// </summary>
/// <param name="RunId">Unique to this run.</param>
/// <param name="Machine">The boot id and the pid namespace: pids name the same processes only where both match; empty where unknown.</param>
/// <param name="Pid">The master's process id.</param>
/// <param name="StartTime">When that process started, in clock ticks since boot: tells it from a later process given the same pid.</param>
public sealed record MasterRun(string RunId, string Machine, int Pid, ulong StartTime)
{
    /// <summary>The lease holder id: <c>{run}@{machine}/{pid}/{start time}</c>.</summary>
    public string HolderId => string.Create(CultureInfo.InvariantCulture, $"{RunId}@{Machine}/{Pid}/{StartTime}");

    /// <summary>This process' run, named <paramref name="runId"/>.</summary>
    public static MasterRun Current(string runId) =>
        new(runId, ThisMachine, Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? 0);

    /// <summary>The run a holder id names, or null when it is not one (another format, an older master).</summary>
    public static MasterRun? Parse(string holderId)
    {
        var at = holderId.LastIndexOf('@');
        var parts = at > 0 ? holderId[(at + 1)..].Split('/') : [];
        return parts.Length == 3
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            && ulong.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                ? new MasterRun(holderId[..at], parts[0], pid, start)
                : null;
    }

    /// <summary>
    /// True when this run is known to have ended: it ran on <paramref name="machine"/> (so its pid means the same
    /// there) and that process is gone. Where it cannot be known — another machine, an unknown one — false.
    /// </summary>
    public bool HasEndedOn(string machine, Func<int, ulong, bool> isRunning) =>
        Machine.Length > 0 && Machine == machine && !isRunning(Pid, StartTime);

    /// <summary>True when <paramref name="holderId"/> names a run on this machine whose process has ended.</summary>
    public static bool HasEnded(string holderId) =>
        Parse(holderId)?.HasEndedOn(ThisMachine, (pid, start) => StartTimeOf(pid) == start) ?? false;

    private static readonly string ThisMachine = ReadMachine();

    private static string ReadMachine()
    {
        try
        {
            var boot = File.ReadAllText("/proc/sys/kernel/random/boot_id").Trim();
            var namespaceLink = new FileInfo("/proc/self/ns/pid").LinkTarget; // "pid:[4026531836]"
            var pidNamespace = new string((namespaceLink ?? "").Where(char.IsAsciiDigit).ToArray());
            return boot.Length > 0 && pidNamespace.Length > 0 ? $"{boot}:{pidNamespace}" : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ""; // not Linux, or /proc hidden: no run is ever judged ended
        }
    }

    // Field 22 of /proc/<pid>/stat, counted after the last ')' since the command name may hold spaces; null when
    // there is no such process (or it is a zombie, which has ended).
    private static ulong? StartTimeOf(int pid)
    {
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var fields = line[(line.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return fields.Length > 19 && fields[0] is not ("Z" or "X" or "x")
            && ulong.TryParse(fields[19], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                ? start
                : null;
    }
}
