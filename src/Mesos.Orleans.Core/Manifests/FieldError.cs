namespace Mesos.Orleans.Core.Manifests;

/// <summary>One problem with one field.</summary>
public sealed record FieldError(FieldPath Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Path.Segments.Count == 0 ? Message : $"{Path}: {Message}";
}
