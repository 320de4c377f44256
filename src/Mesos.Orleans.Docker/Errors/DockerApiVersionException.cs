namespace Mesos.Orleans.Docker.Errors;

/// <summary>The engine speaks only API versions older than the oldest this client supports.</summary>
public sealed class DockerApiVersionException : DockerException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerApiVersionException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerApiVersionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerApiVersionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
