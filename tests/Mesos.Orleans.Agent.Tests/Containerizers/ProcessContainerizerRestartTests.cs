using System.Diagnostics;
using System.Globalization;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Xunit;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>A real agent restart: a separate agent process launches a task and is SIGKILLed; a new containerizer re-adopts it.</summary>
public sealed class ProcessContainerizerRestartTests : IDisposable
{
    private readonly ProcessTestBed _bed = new();

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task ProcessContainerizer_ReadoptsTaskOfAgentProcessThatWasKilled()
    {
        var sandbox = _bed.SandboxOf("task-1");
        Directory.CreateDirectory(sandbox);
        using var agent = StartAgent(sandbox, "task-1", "while [ ! -e go ]; do sleep 0.05; done; echo done; exit 9");
        var line = await agent.StandardOutput.ReadLineAsync().WaitAsync(ProcessTestBed.Patience)
            ?? throw new InvalidOperationException($"The stand-in agent printed nothing: {await agent.StandardError.ReadToEndAsync()}");
        var parts = line.Split(' ');
        var record = new ContainerRecord("task-1", "process", sandbox, new Dictionary<string, string>
        {
            [ProcessContainerizer.PidKey] = parts[0],
            [ProcessContainerizer.StartTimeKey] = parts[1],
        });
        _bed.Track(record);
        var pid = int.Parse(parts[0], CultureInfo.InvariantCulture);
        Assert.True(ProcStat.TryRead(pid, out var before));
        Assert.Equal(agent.Id, before.ParentPid);

        agent.Kill();
        await agent.WaitForExitAsync().WaitAsync(ProcessTestBed.Patience);
        await ProcessTestBed.WaitUntilAsync(
            () => ProcStat.TryRead(pid, out var stat) && stat.ParentPid != agent.Id, "the orphaned task is re-parented");
        Assert.True(ProcStat.TryRead(pid, out var after));
        Assert.True(after.IsAlive);
        Assert.NotEqual(Environment.ProcessId, after.ParentPid);

        var restarted = _bed.NewContainerizer();
        var recovered = await restarted.RecoverAsync([record], CancellationToken.None);
        Assert.True(Assert.Single(recovered).Running);
        var exit = restarted.WaitAsync("task-1", CancellationToken.None);
        Assert.False(exit.IsCompleted);
        await File.WriteAllTextAsync(Path.Combine(sandbox, "go"), "");

        Assert.Equal(new ContainerExit { ExitCode = 9, Message = "exited with code 9" }, await exit.WaitAsync(ProcessTestBed.Patience));
        Assert.Equal("done\n", await File.ReadAllTextAsync(Path.Combine(sandbox, "stdout")));
    }

    private Process StartAgent(string sandbox, string containerId, string command)
    {
        var info = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(ProcessHelperProgram).Assembly.Location);
        info.ArgumentList.Add(ProcessHelperProgram.LaunchCommand);
        info.ArgumentList.Add(_bed.Root);
        info.ArgumentList.Add(sandbox);
        info.ArgumentList.Add(containerId);
        info.ArgumentList.Add(command);
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }

        return Environment.ProcessPath is { } processPath && Path.GetFileNameWithoutExtension(processPath) == "dotnet"
            ? processPath
            : "dotnet";
    }
}
