namespace Mesos.Orleans.Runtime;

/// <summary>Marks a grain class whose activations are never collected when idle (they run timers or loops).</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class KeepAliveAttribute : Attribute;
