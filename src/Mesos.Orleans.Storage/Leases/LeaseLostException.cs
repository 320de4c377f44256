namespace Mesos.Orleans.Storage.Leases;

/// <summary>A fenced write was refused: the lease has another holder or a newer epoch. Nothing of the batch was applied.</summary>
public sealed class LeaseLostException : Exception
{
    /// <summary>Creates the exception for the fence that failed.</summary>
    public LeaseLostException(LeaseFence fence)
        : base($"the lease '{fence?.LeaseName}' is no longer held by {fence?.Holder} in epoch {fence?.Epoch}: another master leads, so this one may not write")
    {
        Fence = fence;
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseLostException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public LeaseLostException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public LeaseLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The fence the write carried.</summary>
    public LeaseFence? Fence { get; }
}
