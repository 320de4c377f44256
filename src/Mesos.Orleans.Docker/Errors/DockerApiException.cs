using System.Net;

namespace Mesos.Orleans.Docker.Errors;

/// <summary>
/// The engine answered a request with a status code that is not a success. <see cref="EngineMessage"/> is the
/// <c>message</c> of the engine's error body. 404 and 409 have their own subclasses
/// (<see cref="DockerNotFoundException"/>, <see cref="DockerConflictException"/>); a 304 (start of a running or stop
/// of a stopped container) is not an error of start/stop, which return <see langword="false"/> instead.
/// </summary>
public class DockerApiException : DockerException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerApiException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for an answer of <paramref name="statusCode"/> with the engine's message.</summary>
    public DockerApiException(HttpStatusCode statusCode, string engineMessage)
        : base($"Docker engine answered {(int)statusCode} ({statusCode}): {engineMessage}")
    {
        StatusCode = statusCode;
        EngineMessage = engineMessage;
    }

    /// <summary>The HTTP status code of the engine's answer.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The <c>message</c> field of the engine's error body (or the raw body when it is not JSON).</summary>
    public string EngineMessage { get; } = "";
}
