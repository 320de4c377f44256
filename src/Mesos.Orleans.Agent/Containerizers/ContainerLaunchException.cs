namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>A container that could not be started (no such program, image missing, engine refused).</summary>
public sealed class ContainerLaunchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ContainerLaunchException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public ContainerLaunchException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public ContainerLaunchException()
    {
    }
}
