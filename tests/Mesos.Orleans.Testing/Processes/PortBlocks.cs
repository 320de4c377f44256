using System.Net;
using System.Net.Sockets;

namespace Mesos.Orleans.Testing.Processes;

/// <summary>
/// Blocks of <paramref name="size"/> ports from <paramref name="first"/> on, taken in turn. A block is claimed by
/// listening on its first port, and the rest of it is handed out: the OS gives a port to one listener at a time, on
/// the whole machine, and frees it when its process ends, even by SIGKILL — no lock file is left behind.
/// </summary>
/// <remarks>
/// A claim is kept for the life of the process, so a block handed out here is never handed out by another process;
/// here it is handed out again only after every other block had its turn (as before, when systems under test of
/// one process reused blocks once all were used).
/// </remarks>
public sealed class PortBlocks(int first, int size, int count) : IDisposable
{
    private readonly Lock _lock = new();
    private readonly Dictionary<int, TcpListener> _claims = [];
    private int _next;

    /// <summary>The next block this instance holds or could claim now, without its claimed first port.</summary>
    /// <exception cref="InvalidOperationException">Every block is claimed by someone else.</exception>
    public (int Begin, int End) Claim()
    {
        lock (_lock)
        {
            for (var tried = 0; tried < count; tried++)
            {
                var begin = first + (_next++ % count * size);
                if (_claims.ContainsKey(begin) || (TryListen(begin) is { } claim && _claims.TryAdd(begin, claim)))
                {
                    return (begin + 1, begin + size - 1);
                }
            }
        }

        throw new InvalidOperationException(
            $"every block of {size} ports from {first} to {first + (count * size) - 1} is taken by another process: too many test runs at once");
    }

    /// <summary>Gives the claims up.</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var claim in _claims.Values)
            {
                claim.Dispose();
            }

            _claims.Clear();
        }
    }

    // Listening on every address: a port another process listens on, on any address, is not free.
    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Any, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }
}
