using System.Globalization;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>
/// A scratch directory with a containerizer root and sandboxes, plus helpers for real-process tests. Disposing
/// SIGKILLs every task a test launched that still runs, then deletes the directory.
/// </summary>
internal sealed class ProcessTestBed : IDisposable
{
    /// <summary>How long a test waits for anything before failing; generous for a loaded 2-core machine.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly List<ProcessContainerizer> _containerizers = [];
    private readonly List<(int Pid, ulong StartTime)> _tasks = [];

    public ProcessTestBed()
    {
        BaseDirectory = Path.Combine(Path.GetTempPath(), "mesos-orleans-process-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(BaseDirectory);
    }

    public string BaseDirectory { get; }

    /// <summary>The containerizer root shared by every instance of this bed (as across an agent restart).</summary>
    public string Root => Path.Combine(BaseDirectory, "containers", "process");

    public string SandboxOf(string containerId) => Path.Combine(BaseDirectory, "sandboxes", containerId);

    public ProcessContainerizer NewContainerizer()
    {
        var containerizer = new ProcessContainerizer(Root, NullLogger.Instance, TimeProvider.System);
        _containerizers.Add(containerizer);
        return containerizer;
    }

    public ContainerLaunch Shell(string containerId, string command, IReadOnlyDictionary<string, string>? environment = null) =>
        Launch(containerId, new CommandSpec { Shell = true, Value = command }, environment);

    public ContainerLaunch Argv(string containerId, params string[] arguments) =>
        Launch(containerId, new CommandSpec { Shell = false, Arguments = arguments }, null);

    /// <summary>Launches and remembers the task so that it is killed when the test ends.</summary>
    public async Task<ContainerRecord> LaunchAsync(ProcessContainerizer containerizer, ContainerLaunch launch)
    {
        var record = await containerizer.LaunchAsync(launch, CancellationToken.None).WaitAsync(Patience);
        Track(record);
        return record;
    }

    public void Track(ContainerRecord record) => _tasks.Add((Pid(record), StartTime(record)));

    public static int Pid(ContainerRecord record) =>
        int.Parse(record.Data[ProcessContainerizer.PidKey], CultureInfo.InvariantCulture);

    public static ulong StartTime(ContainerRecord record) =>
        ulong.Parse(record.Data[ProcessContainerizer.StartTimeKey], CultureInfo.InvariantCulture);

    /// <summary>True while the process exists and has not ended (a zombie has ended).</summary>
    public static bool IsRunning(int pid) => ProcStat.TryRead(pid, out var stat) && stat.IsAlive;

    /// <summary>Waits, with <see cref="Patience"/>, until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(20);
        }
    }

    /// <summary>Waits until a file the task writes exists and ends with a newline, then returns its text.</summary>
    public static async Task<string> ReadWhenWrittenAsync(string path)
    {
        await WaitUntilAsync(() => File.Exists(path) && File.ReadAllText(path).EndsWith('\n'), $"{path} is written");
        return await File.ReadAllTextAsync(path);
    }

    /// <summary>The pid a task wrote to a file in its sandbox.</summary>
    public static async Task<int> ReadPidFileAsync(string path) =>
        int.Parse((await ReadWhenWrittenAsync(path)).Trim(), CultureInfo.InvariantCulture);

    public void Dispose()
    {
        foreach (var containerizer in _containerizers)
        {
            containerizer.Dispose();
        }

        foreach (var (pid, startTime) in _tasks)
        {
            _ = ProcessGroup.Signal(pid, startTime, NativeMethods.SIGKILL);
        }

        try
        {
            Directory.Delete(BaseDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A task killed just now may still be closing its files; the temp directory is cleaned eventually.
        }
    }

    private ContainerLaunch Launch(string containerId, CommandSpec command, IReadOnlyDictionary<string, string>? environment)
    {
        var sandbox = SandboxOf(containerId);
        Directory.CreateDirectory(sandbox);
        var task = new TaskLaunch
        {
            TaskId = containerId,
            FrameworkId = "framework-1",
            Command = command,
            Resources = ResourceSet.Empty,
        };
        return new ContainerLaunch(containerId, task, sandbox, environment ?? new Dictionary<string, string>());
    }
}
