namespace Mesos.Orleans.Docker.Errors;

/// <summary>No Docker engine answered at the configured endpoint (no socket, connection refused, reset).</summary>
public sealed class DockerConnectionException : DockerException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerConnectionException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
