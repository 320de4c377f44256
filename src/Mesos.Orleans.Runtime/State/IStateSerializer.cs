namespace Mesos.Orleans.Runtime.State;

/// <summary>Turns grain state into stored bytes and back.</summary>
public interface IStateSerializer
{
    /// <summary>Serializes a state object.</summary>
    byte[] Serialize<T>(T value);

    /// <summary>Deserializes a state object.</summary>
    T Deserialize<T>(byte[] payload);
}
