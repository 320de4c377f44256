using Mesos.Orleans.IntegrationTests.Support;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests.Apis;

/// <summary>
/// An existing Marathon client, npm's <c>marathon-node</c> (installed from the committed package-lock.json), drives a
/// real <c>up</c> with authentication on: ping, info, events, create, scale, tasks, deployments, restart, versions,
/// killing a task with scale, delete.
/// </summary>
public sealed class MarathonNodeClientTests
{
    private static readonly string[] Files = ["package.json", "package-lock.json", "marathon-client.js"];

    [Fact]
    public async Task MarathonNode_CreatesScalesRestartsAndDeletesAnAppFollowingItsEvents()
    {
        var work = Directory.CreateTempSubdirectory("mesos-orleans-marathon-node-").FullName;
        foreach (var file in Files)
        {
            File.Copy(Path.Combine(Repository.Root, "tests", "Mesos.Orleans.IntegrationTests", "MarathonNode", file), Path.Combine(work, file));
        }

        var install = await ExternalProgram.RunAsync("npm", work, TimeSpan.FromMinutes(5), "ci", "--no-audit", "--no-fund");
        Assert.True(install.ExitCode == 0, install.ToString());
        await using var up = await UpProcess.StartListeningAsync("0.0.0.0");

        var run = await ExternalProgram.RunAsync("node", work, TimeSpan.FromMinutes(2), "marathon-client.js", up.Server, "/node-app", up.Token!);

        Assert.True(run.ExitCode == 0, run.ToString());
        var steps = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(' ')[1]).ToList();
        Assert.Equal(["ping", "info", "events", "create", "create-deployed", "scale", "tasks", "status-update", "get", "list", "deployments", "restart", "versions", "kill-scale", "delete", "gone", "api-posts"], steps);
        Assert.Contains("ok tasks [\"TASK_RUNNING\",\"TASK_RUNNING\"]", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok get {\"instances\":2,\"tasksRunning\":2}", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok restart {\"replaced\":2}", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok versions {\"count\":3,\"newest\":true,\"firstInstances\":1}", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok kill-scale {\"instances\":1,\"killed\":true}", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok gone \"App '/node-app' does not exist\"", run.Output, StringComparison.Ordinal);
        Assert.Contains("ok api-posts [\"/v2/apps\",\"/v2/apps/node-app\",\"/v2/apps/node-app\"]", run.Output, StringComparison.Ordinal);
        Directory.Delete(work, recursive: true);
    }
}
