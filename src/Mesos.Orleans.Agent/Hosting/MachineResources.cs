using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Agent.Hosting;

/// <summary>
/// What this machine has, as Mesos' agent measures it: every cpu, the memory minus a reserve for the system,
/// the work directory's free disk minus a reserve, and the ports 31000-32000.
/// </summary>
public static class MachineResources
{
    /// <summary>Measures the machine.</summary>
    public static ResourceSet Detect(string workDirectory)
    {
        var memoryMb = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024);
        var diskMb = new DriveInfo(Path.GetFullPath(workDirectory)).AvailableFreeSpace / (1024.0 * 1024);
        return new ResourceSet(
            cpus: Environment.ProcessorCount,
            mem: Math.Floor(Math.Max(memoryMb - Reserve(memoryMb), 0)),
            disk: Math.Floor(Math.Max(diskMb - Reserve(diskMb), 0)),
            ports: AgentOptions.DefaultPorts);
    }

    // Mesos keeps back half of a small amount, or 1 GB (memory) / 5 GB (disk) of a larger one; 1 GB for both here.
    private static double Reserve(double totalMb) => totalMb >= 2048 ? 1024 : totalMb / 2;
}
