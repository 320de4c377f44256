namespace Mesos.Orleans.Runtime.Storage;

/// <summary>One row as read from the store: its address, its version and its serialized payload.</summary>
public sealed record StoredState(StateAddress Address, long Version, byte[] Payload);
