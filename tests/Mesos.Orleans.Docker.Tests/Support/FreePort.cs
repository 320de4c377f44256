using System.Net;
using System.Net.Sockets;

namespace Mesos.Orleans.Docker.Tests.Support;

/// <summary>Finds a TCP port on 127.0.0.1 that nothing listens on.</summary>
public static class FreePort
{
    /// <summary>A port the kernel just handed out and that was released again.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
