namespace Mesos.Orleans.Docker.Errors;

/// <summary>The base of every error this client raises about the Docker engine.</summary>
public class DockerException : Exception
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
