namespace Mesos.Orleans.Docker.Errors;

/// <summary>
/// A pull (or import) of an image failed: either the engine refused the request outright (the inner
/// <see cref="DockerApiException"/> says how, e.g. an unreachable registry) or it reported the error inside its
/// progress stream (<c>errorDetail</c>) after the answer had started with 200.
/// </summary>
public sealed class DockerImagePullException : DockerException
{
    /// <summary>Creates an exception with no message.</summary>
    public DockerImagePullException()
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    public DockerImagePullException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    public DockerImagePullException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for <paramref name="image"/> with the engine's error message.</summary>
    public DockerImagePullException(string image, string engineMessage, Exception? innerException)
        : base($"Pull of image '{image}' failed: {engineMessage}", innerException)
    {
        Image = image;
        EngineMessage = engineMessage;
    }

    /// <summary>The image reference that was being pulled or imported.</summary>
    public string Image { get; } = "";

    /// <summary>The engine's error message (from the stream's <c>errorDetail</c> or the refused request).</summary>
    public string EngineMessage { get; } = "";

    /// <summary>True when the error arrived inside the progress stream rather than as a refused request.</summary>
    public bool ReportedInStream => InnerException is not DockerApiException;
}
