namespace Mesos.Orleans.Core.Manifests;

/// <summary>A manifest stream that is not valid YAML or JSON.</summary>
public sealed class ManifestSyntaxException(string message, int line, int column)
    : Exception(line > 0 ? $"line {line}, column {column}: {message}" : message)
{
    /// <summary>The line of the problem (1-based), or 0 when unknown.</summary>
    public int Line { get; } = line;

    /// <summary>The column of the problem (1-based), or 0 when unknown.</summary>
    public int Column { get; } = column;

    /// <summary>The problem without its position.</summary>
    public string Problem { get; } = message;
}
