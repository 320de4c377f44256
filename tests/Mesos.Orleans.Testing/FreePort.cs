using System.Net;
using System.Net.Sockets;
using Mesos.Orleans.Testing.Processes;

namespace Mesos.Orleans.Testing;

/// <summary>Finds loopback TCP ports nobody listens on, for servers under test to listen on.</summary>
/// <remarks>
/// A port the OS picked for a listener of a moment (port 0) lies in Linux's ephemeral range (32768–60999), where the OS
/// also picks the local ports of outgoing connections: between handing such a port out and the server binding it, a
/// connection to PostgreSQL or to another server took it, and the server failed with "address already in use". So
/// ports come from above that range (61000–65499), a machine-wide block at a time (<see cref="PortBlocks"/>), and
/// each is checked free when handed out.
/// </remarks>
public static class FreePort
{
    private const int First = 61000;
    private const int BlockSize = 100;
    private const int Blocks = 45;

    private static readonly PortBlocks Claims = new(First, BlockSize, Blocks);
    private static readonly Lock Lock = new();
    private static int _next = 1;
    private static int _end;

    /// <summary>A port that is free now and that no other test process on this machine is handed.</summary>
    /// <exception cref="InvalidOperationException">No port of the blocks this process can claim is free.</exception>
    public static int Next()
    {
        lock (Lock)
        {
            for (var tried = 0; tried < BlockSize * Blocks; tried++)
            {
                if (_next > _end)
                {
                    (_next, _end) = Claims.Claim();
                }

                var port = _next++;
                if (IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"no free port from {First} to {First + (BlockSize * Blocks) - 1}");
    }

    private static bool IsFree(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
