namespace Mesos.Orleans.Runtime;

/// <summary>
/// The stable name of a grain class, under which its state is stored. Renaming the class keeps its data as long
/// as this name stays.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class GrainTypeAttribute(string name) : Attribute
{
    /// <summary>The grain type's name, e.g. <c>app</c>.</summary>
    public string Name { get; } = name;
}
