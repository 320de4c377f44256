using System.Globalization;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>The process groups of tasks an agent started, found from its containers' pid files.</summary>
public static class TaskProcesses
{
    /// <summary>The process ids (group leaders) of the agent's task containers that are alive.</summary>
    public static IReadOnlyList<int> Alive(string dataDirectory) =>
        PidFiles(dataDirectory).Select(ReadPid).Where(p => p > 0 && Directory.Exists($"/proc/{p}") && !IsZombie(p)).ToList();

    /// <summary>Kills every task process group the agent left.</summary>
    public static void KillAll(string dataDirectory)
    {
        foreach (var pid in PidFiles(dataDirectory).Select(ReadPid).Where(p => p > 0))
        {
            Signals.Send(-pid, Signals.Kill);
        }
    }

    /// <summary>The pid of the running process whose command line contains <paramref name="text"/>.</summary>
    public static IReadOnlyList<int> Find(string text) =>
        Directory.EnumerateDirectories("/proc")
            .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0)
            .Where(pid => pid > 0 && CommandLine(pid).Contains(text, StringComparison.Ordinal) && !IsZombie(pid))
            .ToList();

    private static IEnumerable<string> PidFiles(string dataDirectory)
    {
        var root = Path.Combine(dataDirectory, "agent", "containers", "process");
        return Directory.Exists(root) ? Directory.EnumerateFiles(root, "pid", SearchOption.AllDirectories) : [];
    }

    private static int ReadPid(string file)
    {
        try
        {
            var first = File.ReadAllText(file).Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return "";
        }
        catch (UnauthorizedAccessException)
        {
            return "";
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
