using System.Runtime.InteropServices;

namespace Mesos.Orleans.Bench.Support;

/// <summary>The machine a benchmark ran on, printed with its figures.</summary>
public static class MachineInfo
{
    public static void Print(TextWriter output)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        output.WriteLine($"machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown cpu"}), "
            + $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):0.#} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}");
        output.WriteLine($"when:    {DateTimeOffset.UtcNow:u}");
    }
}
