using System.Diagnostics;
using System.Text;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// One long-running <c>mesos-orleans</c> process (a <c>master</c> or an <c>agent</c>) with fixed arguments: started,
/// killed with SIGKILL, interrupted, and started again with the same arguments, keeping the output of every start.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    private readonly StringBuilder _log = new();
    private readonly IReadOnlyList<string> _args;
    private readonly string _banner;
    private Process? _process;

    /// <summary>Describes the process; nothing runs until <see cref="StartAsync"/>.</summary>
    public NodeProcess(string name, IReadOnlyList<string> args, string banner)
    {
        Name = name;
        _args = args;
        _banner = banner;
    }

    /// <summary>A name for messages (e.g. <c>master-a</c>).</summary>
    public string Name { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The exit code of the last run, once it ended.</summary>
    public int? ExitCode => _process is { HasExited: true } process ? process.ExitCode : null;

    /// <summary>Everything every start printed, for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    private int Starts => Log.Split(_banner).Length - 1;

    /// <summary>Starts the process and waits until it printed its banner.</summary>
    public async Task StartAsync(TimeSpan? timeout = null)
    {
        var before = Starts;
        var process = Process.Start(MesosOrleansExecutable.StartInfo(_args))!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Eventually.Until(() => Starts > before || process.HasExited, $"{Name} to start", timeout ?? TimeSpan.FromSeconds(90));
        if (process.HasExited)
        {
            throw new InvalidOperationException($"{Name} exited with {process.ExitCode}:\n{Tail()}");
        }
    }

    /// <summary>Kills the process with SIGKILL, as a crash would: nothing of its own clean-up runs.</summary>
    public async Task KillHardAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync();
            Append($"--- {Name} killed with SIGKILL ---");
        }
    }

    /// <summary>Stops the process as Ctrl-C does and returns its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        var process = _process!;
        Signals.Send(process.Id, Signals.Interrupt);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    /// <summary>The last lines printed.</summary>
    public string Tail(int lines = 60) => string.Join('\n', Log.Split('\n').TakeLast(lines));

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await KillHardAsync();

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
