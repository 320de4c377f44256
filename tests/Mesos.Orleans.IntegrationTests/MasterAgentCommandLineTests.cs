using Mesos.Orleans.Testing;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.IntegrationTests;

/// <summary>Bad command lines of <c>master</c> and <c>agent</c>: exit code 2, every problem named with its option, nothing started.</summary>
public sealed class MasterAgentCommandLineTests
{
    [Fact]
    public async Task Master_BadOptions_AreAllReported()
    {
        var store = Path.Combine(Path.GetTempPath(), $"mesos-orleans-never-{Guid.NewGuid():N}.db");

        var result = await MesosOrleansExecutable.RunAsync(null, null,
            "master", "--store", store, "--listen", "0.0.0.0:45999", "--heartbeat-interval", "0", "--max-missed-heartbeats", "0", "--advertise", "ftp://x",
            "--lease-ttl", "0.5");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--heartbeat-interval: must be more than 0 seconds, not 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--max-missed-heartbeats: must be at least 1, not 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--advertise: 'ftp://x' is not an http(s) URL or host:port", result.Error, StringComparison.Ordinal);
        Assert.Contains("--lease-ttl: must be at least 1 second, not 0.5", result.Error, StringComparison.Ordinal);
        Assert.Contains("--auth-token-file: required when listening on 0.0.0.0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--agent-token or --agent-token-file: required with authentication on", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store), "nothing was created");
    }

    [Fact]
    public async Task Agent_BadOptions_AreAllReported()
    {
        var workDir = Path.Combine(Path.GetTempPath(), $"mesos-orleans-never-{Guid.NewGuid():N}");

        var result = await MesosOrleansExecutable.RunAsync(null, null,
            "agent", "--master", "http://127.0.0.1:1,ftp://nowhere", "--work-dir", workDir, "--resources", "cpus:lots", "--attributes", "rack",
            "--simulate", "0", "--agent-token", " ");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--master: 'ftp://nowhere' is not an http(s) URL or host:port", result.Error, StringComparison.Ordinal);
        Assert.Contains("--resources:", result.Error, StringComparison.Ordinal);
        Assert.Contains("--attributes:", result.Error, StringComparison.Ordinal);
        Assert.Contains("--simulate: must be at least 1, not 0", result.Error, StringComparison.Ordinal);
        Assert.Contains("--agent-token: must not be empty", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(workDir), "nothing was created");
    }

    [Fact]
    public async Task Master_UnreachableStore_SaysSoAndExits()
    {
        var result = await MesosOrleansExecutable.RunAsync(null, null,
            "master", "--store", "Host=127.0.0.1;Port=1;Database=none;Username=nobody;Timeout=2", "--listen", $"127.0.0.1:{FreePort.Next()}");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Error: the master could not start:", result.Error, StringComparison.Ordinal);
    }
}
