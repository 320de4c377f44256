namespace Mesos.Orleans.Testing.Processes;

/// <summary>What one run of the CLI did.</summary>
public sealed record CliResult(int ExitCode, string Output, string Error)
{
    /// <inheritdoc />
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Output}\nstderr:\n{Error}";
}
