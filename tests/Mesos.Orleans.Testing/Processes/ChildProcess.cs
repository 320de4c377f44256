using System.Diagnostics;
using System.Text;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// One run of <c>mesos-orleans</c> as a child process whose output is kept, for the process harnesses: started,
/// waited on until it prints a line, signalled, killed.
/// </summary>
public sealed class ChildProcess
{
    private readonly StringBuilder _log;
    private readonly Process _process;

    private ChildProcess(Process process, StringBuilder log)
    {
        _process = process;
        _log = log;
    }

    /// <summary>The process id.</summary>
    public int Id => _process.Id;

    /// <summary>True once it exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>mesos-orleans args…</c>, appending its output to <paramref name="log"/>.</summary>
    public static ChildProcess Start(IEnumerable<string> args, StringBuilder log)
    {
        var process = Process.Start(MesosOrleansExecutable.StartInfo(args))!;
        var child = new ChildProcess(process, log);
        process.OutputDataReceived += (_, e) => child.Append(e.Data);
        process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits until the log holds <paramref name="banner"/> once more than <paramref name="seenBefore"/> times; throws if the process exits first.</summary>
    public async Task WaitForAsync(string banner, int seenBefore, string what, TimeSpan? timeout = null)
    {
        await Eventually.Until(() => Count(Log(), banner) > seenBefore || _process.HasExited, what, timeout ?? TimeSpan.FromSeconds(90));
        if (_process.HasExited && Count(Log(), banner) <= seenBefore)
        {
            throw new InvalidOperationException($"{what}: mesos-orleans exited with {_process.ExitCode}:\n{Log()}");
        }
    }

    /// <summary>Kills it with SIGKILL, as a crash would, and waits for the end.</summary>
    public async Task KillHardAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync();
        Append("--- killed with SIGKILL ---");
    }

    /// <summary>Sends a signal (SIGSTOP, SIGCONT…).</summary>
    public void Signal(int signal, string note)
    {
        Signals.Send(_process.Id, signal);
        Append($"--- {note} ---");
    }

    /// <summary>How many times <paramref name="text"/> occurs in <paramref name="log"/>.</summary>
    public static int Count(string log, string text) => log.Split(text).Length - 1;

    private string Log()
    {
        lock (_log)
        {
            return _log.ToString();
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.AppendLine(line);
        }
    }
}
