namespace Mesos.Orleans.Runtime;

/// <summary>
/// The store holds a newer version of a grain's state than the activation read: another activation (another
/// master) wrote it. The activation is deactivated so the next call reloads what is stored.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
