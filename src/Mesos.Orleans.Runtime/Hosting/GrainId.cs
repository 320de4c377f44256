namespace Mesos.Orleans.Runtime.Hosting;

/// <summary>A grain's identity: its type name and its key.</summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <inheritdoc />
    public override string ToString() => $"{Type}/{Key}";
}
