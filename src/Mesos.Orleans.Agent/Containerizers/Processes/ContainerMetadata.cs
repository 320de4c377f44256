using System.Globalization;

namespace Mesos.Orleans.Agent.Containerizers.Processes;

/// <summary>
/// One container's metadata directory, <c>&lt;root&gt;/&lt;containerId&gt;/</c>: the <c>pid</c> file the agent
/// writes at launch and the <c>exit_status</c> file the wrapper writes when the task ends.
/// </summary>
internal sealed class ContainerMetadata
{
    /// <summary>The name of the file holding "&lt;pid&gt; &lt;start time&gt;".</summary>
    public const string PidFileName = "pid";

    /// <summary>The name of the file the wrapper writes the task's exit status to.</summary>
    public const string ExitStatusFileName = "exit_status";

    /// <summary>Creates the view of <c>&lt;root&gt;/&lt;containerId&gt;/</c>; touches nothing on disk.</summary>
    public ContainerMetadata(string root, string containerId)
    {
        Directory = Path.Combine(root, containerId);
    }

    /// <summary>The metadata directory.</summary>
    public string Directory { get; }

    /// <summary>The pid file's path.</summary>
    public string PidFile => Path.Combine(Directory, PidFileName);

    /// <summary>The exit status file's path.</summary>
    public string ExitStatusFile => Path.Combine(Directory, ExitStatusFileName);

    /// <summary>True when a container id can name a directory under the root (no separators, not "." or "..").</summary>
    public static bool IsValidContainerId(string containerId) =>
        !string.IsNullOrEmpty(containerId) && containerId is not ("." or "..")
        && containerId.IndexOfAny(['/', '\0']) < 0;

    /// <summary>Creates the directory empty, dropping anything a previous container of the same id left.</summary>
    public void CreateEmpty()
    {
        Delete();
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>Writes the pid file atomically, so recovery never reads half of it.</summary>
    public void WritePid(int pid, ulong startTime)
    {
        var temporary = PidFile + ".tmp";
        File.WriteAllText(temporary, string.Create(CultureInfo.InvariantCulture, $"{pid} {startTime}\n"));
        File.Move(temporary, PidFile, overwrite: true);
    }

    /// <summary>Reads the pid file; false when it is missing or unreadable.</summary>
    public bool TryReadPid(out int pid, out ulong startTime)
    {
        pid = 0;
        startTime = 0;
        var parts = TryReadText(PidFile)?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts is { Length: 2 }
            && int.TryParse(parts[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out pid) && pid > 0
            && ulong.TryParse(parts[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out startTime);
    }

    /// <summary>The exit status the wrapper recorded, or null when it recorded none (it was killed, or the task still runs).</summary>
    public int? ReadExitStatus()
    {
        var text = TryReadText(ExitStatusFile)?.Trim();
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var status) ? status : null;
    }

    /// <summary>Removes the directory and everything in it; a missing directory is fine.</summary>
    public void Delete()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static string? TryReadText(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
