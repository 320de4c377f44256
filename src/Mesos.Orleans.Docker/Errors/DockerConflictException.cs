using System.Net;

namespace Mesos.Orleans.Docker.Errors;

/// <summary>The engine answered 409 Conflict: e.g. a name already in use, a kill of a container that is not running, a remove of a running container without force.</summary>
public sealed class DockerConflictException : DockerApiException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerConflictException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerConflictException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an answer of <paramref name="statusCode"/> with the engine's message.</summary>
    public DockerConflictException(HttpStatusCode statusCode, string engineMessage)
        : base(statusCode, engineMessage)
    {
    }
}
