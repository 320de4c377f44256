using System.Net;
using System.Net.Sockets;

namespace Mesos.Orleans.Testing;

/// <summary>Finds loopback TCP ports nobody listens on.</summary>
public static class FreePort
{
    /// <summary>A port that was free a moment ago.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
