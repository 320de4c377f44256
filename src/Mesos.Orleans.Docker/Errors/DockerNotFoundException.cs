using System.Net;

namespace Mesos.Orleans.Docker.Errors;

/// <summary>The engine answered 404 Not Found: no such container, image or other object.</summary>
public sealed class DockerNotFoundException : DockerApiException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerNotFoundException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerNotFoundException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an answer of <paramref name="statusCode"/> with the engine's message.</summary>
    public DockerNotFoundException(HttpStatusCode statusCode, string engineMessage)
        : base(statusCode, engineMessage)
    {
    }
}
