using System.Globalization;
using Mesos.Orleans.Agent.Containerizers;
using Mesos.Orleans.Agent.Containerizers.Processes;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Resources;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mesos.Orleans.Agent.Tests.Containerizers;

/// <summary>
/// The test assembly's entry point (the test host never calls it), so that a test can run this assembly as a
/// stand-in agent process: it launches one task, prints "&lt;pid&gt; &lt;start time&gt;", then waits to be killed.
/// </summary>
internal static class ProcessHelperProgram
{
    /// <summary>The first argument that selects the stand-in agent.</summary>
    public const string LaunchCommand = "process-containerizer-launch";

    public static async Task<int> Main(string[] args)
    {
        if (args is not [LaunchCommand, var root, var sandbox, var containerId, var command])
        {
            return 2;
        }

        using var containerizer = new ProcessContainerizer(root, NullLogger.Instance, TimeProvider.System);
        var task = new TaskLaunch
        {
            TaskId = containerId,
            FrameworkId = "framework-1",
            Command = new CommandSpec { Shell = true, Value = command },
            Resources = ResourceSet.Empty,
        };
        var record = await containerizer.LaunchAsync(
            new ContainerLaunch(containerId, task, sandbox, new Dictionary<string, string>()), CancellationToken.None);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{record.Data[ProcessContainerizer.PidKey]} {record.Data[ProcessContainerizer.StartTimeKey]}"));
        Console.Out.Flush();
        // Until the test kills us; should the test die first, its end of stdin closes and we go too.
        await Console.In.ReadToEndAsync();
        return 0;
    }
}
