namespace Mesos.Orleans.Docker.Containers;

/// <summary>Which stream a piece of a container's output came from (the first byte of a multiplexed frame).</summary>
public enum LogStreamType
{
    /// <summary>Standard input (echoed on an attach).</summary>
    Stdin = 0,

    /// <summary>Standard output; also all output of a container with a TTY, which is not multiplexed.</summary>
    Stdout = 1,

    /// <summary>Standard error.</summary>
    Stderr = 2,

    /// <summary>An error of the engine itself about the stream.</summary>
    SystemError = 3,
}
