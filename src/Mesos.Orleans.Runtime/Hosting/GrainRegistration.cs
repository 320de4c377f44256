using System.Reflection;
using Mesos.Orleans.Runtime.Proxies;

namespace Mesos.Orleans.Runtime.Hosting;

/// <summary>How one grain interface maps to its implementation class and stored type name.</summary>
internal sealed record GrainRegistration(Type Interface, Type Implementation, string TypeName, bool KeepAlive, Func<IGrainContext, Grain> Factory)
{
    /// <summary>
    /// An unbound proxy of the interface that each grain reference copies: making a proxy with
    /// <see cref="DispatchProxy"/> looks up its generated type and calls its constructor by reflection every time.
    /// </summary>
    public GrainProxy Prototype { get; } = (GrainProxy)DispatchProxy.Create(Interface, typeof(GrainProxy));

    public static GrainRegistration Create(Type grainInterface, Type implementation, Func<IGrainContext, Grain> factory)
    {
        if (!grainInterface.IsInterface || !typeof(IGrainWithStringKey).IsAssignableFrom(grainInterface))
        {
            throw new ArgumentException($"{grainInterface} is not a grain interface", nameof(grainInterface));
        }

        if (!grainInterface.IsAssignableFrom(implementation) || !typeof(Grain).IsAssignableFrom(implementation))
        {
            throw new ArgumentException($"{implementation} is not a Grain implementing {grainInterface}", nameof(implementation));
        }

        foreach (var method in grainInterface.GetMethods().Concat(grainInterface.GetInterfaces().SelectMany(i => i.GetMethods())))
        {
            var returns = method.ReturnType;
            var isTask = returns == typeof(Task) || (returns.IsGenericType && returns.GetGenericTypeDefinition() == typeof(Task<>));
            if (!isTask)
            {
                throw new ArgumentException($"{grainInterface.Name}.{method.Name} must return Task or Task<T>");
            }

            if (method.GetCustomAttribute<OneWayAttribute>() is not null && returns != typeof(Task))
            {
                throw new ArgumentException($"one-way {grainInterface.Name}.{method.Name} must return Task");
            }
        }

        var name = implementation.GetCustomAttribute<GrainTypeAttribute>()?.Name
            ?? throw new ArgumentException($"{implementation} needs a [GrainType(\"name\")]");
        return new GrainRegistration(grainInterface, implementation, name, implementation.GetCustomAttribute<KeepAliveAttribute>() is not null, factory);
    }
}
