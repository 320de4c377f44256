using System.Text;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>Reads the end of a task's stderr, for the status update that reports how it ended.</summary>
internal static class StderrTail
{
    private const int MaxBytes = 2048;
    private const int MaxLines = 10;

    public static string? Read(string sandbox)
    {
        var path = Path.Combine(sandbox, "stderr");
        if (!File.Exists(path))
        {
            return null;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var length = (int)Math.Min(file.Length, MaxBytes);
        if (length == 0)
        {
            return null;
        }

        file.Seek(-length, SeekOrigin.End);
        var buffer = new byte[length];
        file.ReadExactly(buffer);
        var lines = Encoding.UTF8.GetString(buffer).TrimEnd('\n').Split('\n');
        return string.Join('\n', lines.TakeLast(MaxLines));
    }
}
