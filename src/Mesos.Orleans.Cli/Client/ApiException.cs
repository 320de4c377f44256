using Mesos.Orleans.Contracts.Api;

namespace Mesos.Orleans.Cli.Client;

/// <summary>The master refused a request; carries its message and, for invalid input, every problem.</summary>
public sealed class ApiException : Exception
{
    /// <summary>Creates the exception from the master's answer.</summary>
    public ApiException(int statusCode, ApiError error) : base(error.Message)
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>Creates the exception.</summary>
    public ApiException() : this(0, new ApiError("unknown error"))
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message) : this(0, new ApiError(message))
    {
    }

    /// <summary>Creates the exception.</summary>
    public ApiException(string message, Exception innerException) : base(message, innerException) => Error = new ApiError(message);

    /// <summary>The HTTP status code.</summary>
    public int StatusCode { get; }

    /// <summary>The master's error body.</summary>
    public ApiError Error { get; }
}
