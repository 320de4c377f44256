namespace Mesos.Orleans.Runtime.Storage;

/// <summary>
/// One row to write. <see cref="ExpectedVersion"/> is the version the writer last saw: 0 means the row must not
/// exist yet. A null <see cref="Payload"/> deletes the row. A successful write leaves the row at ExpectedVersion + 1.
/// </summary>
public sealed record StateWrite(StateAddress Address, long ExpectedVersion, byte[]? Payload)
{
    /// <summary>True when this write removes the row.</summary>
    public bool IsDelete => Payload is null;
}
