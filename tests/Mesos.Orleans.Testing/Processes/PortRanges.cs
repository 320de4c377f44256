namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// Hands each system under test its own block of task ports, so tests running side by side never give two tasks
/// the same port.
/// </summary>
public static class PortRanges
{
    private const int First = 40000;
    private const int Size = 100;
    private static int _next = -1;

    /// <summary>A fresh block of <see cref="Size"/> ports, as Mesos writes a range: <c>[40000-40099]</c>.</summary>
    public static (int Begin, int End) Next()
    {
        var block = Interlocked.Increment(ref _next) % 200;
        var begin = First + (block * Size);
        return (begin, begin + Size - 1);
    }
}
