using System.Globalization;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>The fields of <c>/proc/&lt;pid&gt;/stat</c> the containerizer needs to recognise its processes.</summary>
/// <param name="State">The one-letter state: R, S, D, Z (zombie), X (dead), …</param>
/// <param name="ParentPid">Field 4.</param>
/// <param name="ProcessGroup">Field 5.</param>
/// <param name="Session">Field 6.</param>
/// <param name="StartTime">Field 22: when the process started, in clock ticks since boot.</param>
internal readonly record struct ProcStat(char State, int ParentPid, int ProcessGroup, int Session, ulong StartTime)
{
    /// <summary>True when the process still runs; a zombie has ended and only waits to be reaped.</summary>
    public bool IsAlive => State is not ('Z' or 'X' or 'x');

    /// <summary>Reads a process's stat line; false when there is no such process.</summary>
    public static bool TryRead(int pid, out ProcStat stat)
    {
        stat = default;
        string line;
        try
        {
            line = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        return TryParse(line, out stat);
    }

    /// <summary>Parses a stat line; the command name (field 2) may hold spaces and parentheses, so fields are counted after the last ')'.</summary>
    public static bool TryParse(string line, out ProcStat stat)
    {
        stat = default;
        var close = line.LastIndexOf(')');
        if (close < 0)
        {
            return false;
        }

        var fields = line[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // fields[0] is field 3 (state), so field n is fields[n - 3].
        if (fields.Length < 20 || fields[0].Length != 1
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var ppid)
            || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pgrp)
            || !int.TryParse(fields[3], NumberStyles.Integer, CultureInfo.InvariantCulture, out var session)
            || !ulong.TryParse(fields[19], NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
        {
            return false;
        }

        stat = new ProcStat(fields[0][0], ppid, pgrp, session, start);
        return true;
    }

    /// <summary>True when <paramref name="pid"/> is alive and is the very process that started at <paramref name="startTime"/>.</summary>
    public static bool IsSameLiveProcess(int pid, ulong startTime) =>
        TryRead(pid, out var stat) && stat.IsAlive && stat.StartTime == startTime;
}
