namespace Mesos.Orleans.Agent.Containerizers;

/// <summary>
/// How a container ended: its exit code or the signal that ended it, whether it was killed on request or for
/// going over its memory limit, and a sentence saying so.
/// </summary>
public sealed record ContainerExit
{
    /// <summary>The exit code, when the process exited by itself (or by a signal the shell turned into 128+n).</summary>
    public int? ExitCode { get; init; }

    /// <summary>The signal that ended the process, when one did and no exit code is known.</summary>
    public int? Signal { get; init; }

    /// <summary>True when the container ended because <see cref="IContainerizer.KillAsync"/> was called.</summary>
    public bool KilledOnRequest { get; init; }

    /// <summary>True when the container was killed for going over its memory limit.</summary>
    public bool OutOfMemory { get; init; }

    /// <summary>A sentence for people: "exited with code 1", "killed by signal 9", "exit status unknown …".</summary>
    public required string Message { get; init; }

    /// <summary>True when the container ended well: exit code 0 and not killed.</summary>
    public bool Succeeded => ExitCode == 0 && !KilledOnRequest && !OutOfMemory;
}
