namespace Mesos.Orleans.Master.View;

/// <summary>A subscriber of a change feed fell so far behind that it was dropped.</summary>
public sealed class ChangeFeedOverflowException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ChangeFeedOverflowException()
        : base("the subscriber fell too far behind the change feed and was dropped")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChangeFeedOverflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ChangeFeedOverflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
