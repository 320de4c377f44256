using System.Net;
using System.Net.Sockets;

namespace Mesos.Orleans.Agent.Health;

/// <summary>A TCP connection to the task's port: accepted passes.</summary>
public sealed class TcpProbe(long port) : IProbe
{
    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, (int)port), cancellationToken);
            return new ProbeResult(true, $"TCP port {port}: accepted");
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, $"TCP port {port}: no answer in time");
        }
        catch (SocketException e)
        {
            return new ProbeResult(false, $"TCP port {port}: {e.SocketErrorCode}");
        }
    }
}
