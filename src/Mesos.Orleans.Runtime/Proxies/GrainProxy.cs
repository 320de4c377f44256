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

    /// <summary>A copy of this proxy (same generated type, same method table) that calls the grain <paramref name="id"/>.</summary>
    internal GrainProxy BoundTo(GrainRuntime runtime, GrainRegistration registration, GrainId id)
    {
        var proxy = (GrainProxy)MemberwiseClone();
        proxy._runtime = runtime;
        proxy._registration = registration;
        proxy.Id = id;
        return proxy;
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
