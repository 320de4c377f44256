namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// Hands each system under test its own block of task ports, so tests running side by side never give two tasks
/// the same port — tests of this process and those of any other test process on the machine.
/// </summary>
/// <remarks>
/// Several test runs share one machine, each in its own process. When every process counted its blocks from the same
/// start, two of them handed out the same ports: a task then answered on another run's port, and a host-network task
/// that lost the race to bind its port still showed TASK_RUNNING for the moment before it exited. So each block is
/// claimed machine-wide (<see cref="PortBlocks"/>), and blocks lie below Linux's ephemeral range (32768–60999), where
/// <see cref="FreePort"/> and outgoing connections take their ports, and below the ports a real agent offers by default.
/// </remarks>
public static class PortRanges
{
    /// <summary>The first port of the first block.</summary>
    public const int First = 12000;

    /// <summary>The ports of a block, its claim included.</summary>
    public const int Size = 100;

    /// <summary>How many blocks there are: up to port 30999, short of 31000–32000, an agent's default ports.</summary>
    public const int Count = 190;

    private static readonly PortBlocks Blocks = new(First, Size, Count);

    /// <summary>A block of ports no other system under test on this machine is given, as Mesos writes a range: <c>[12001-12099]</c>.</summary>
    public static (int Begin, int End) Next() => Blocks.Claim();
}
