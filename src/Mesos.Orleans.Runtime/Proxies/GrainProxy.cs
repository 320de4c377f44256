using System.Reflection;
using Mesos.Orleans.Runtime.Hosting;

namespace Mesos.Orleans.Runtime.Proxies;

/// <summary>
/// The object a caller holds for a grain: every interface call becomes a message to the grain's activation.
/// </summary>
/// <remarks>Public and unsealed only because <see cref="DispatchProxy"/> requires it.</remarks>
public class GrainProxy : DispatchProxy
{
    private GrainRuntime? _runtime;
    private GrainRegistration? _registration;

    /// <summary>The grain this proxy calls.</summary>
    public GrainId Id { get; private set; }

    internal void Bind(GrainRuntime runtime, GrainRegistration registration, GrainId id)
    {
        _runtime = runtime;
        _registration = registration;
        Id = id;
    }

    /// <inheritdoc />
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return _runtime!.Invoke(Id, _registration!, GrainMethodInvoker.For(targetMethod), args ?? []);
    }

    /// <inheritdoc />
    public override string ToString() => Id.ToString();
}
