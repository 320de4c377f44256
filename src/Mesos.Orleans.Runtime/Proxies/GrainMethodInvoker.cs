using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Mesos.Orleans.Runtime.Activations;
using Mesos.Orleans.Runtime.Hosting;

namespace Mesos.Orleans.Runtime.Proxies;

/// <summary>
/// How to call one grain interface method: a compiled delegate (no reflection per call) and a factory of the
/// mailbox item that carries the call and its typed result.
/// </summary>
internal sealed class GrainMethodInvoker
{
    private static readonly ConcurrentDictionary<MethodInfo, GrainMethodInvoker> Cache = new();
    private static readonly MethodInfo TypedFactory = typeof(GrainMethodInvoker).GetMethod(nameof(CreateTypedCall), BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly Func<object, object?[], Task> _call;
    private readonly Func<GrainMethodInvoker, object?[], GrainId, TimeSpan, (WorkItem Item, Task Result)> _createItem;

    private GrainMethodInvoker(MethodInfo method)
    {
        Name = $"{method.DeclaringType!.Name}.{method.Name}";
        IsOneWay = method.GetCustomAttribute<OneWayAttribute>() is not null;
        _call = Compile(method);
        if (method.ReturnType == typeof(Task))
        {
            _createItem = static (invoker, args, id, timeout) =>
            {
                var item = new VoidCallItem(invoker.Name, grain => invoker._call(grain, args), awaited: !invoker.IsOneWay);
                return (item, invoker.IsOneWay ? Task.CompletedTask : CallTimeout.Apply(item.Result, id, invoker.Name, timeout));
            };
        }
        else
        {
            var resultType = method.ReturnType.GetGenericArguments()[0];
            _createItem = TypedFactory.MakeGenericMethod(resultType)
                .CreateDelegate<Func<GrainMethodInvoker, object?[], GrainId, TimeSpan, (WorkItem, Task)>>();
        }
    }

    /// <summary>The method's name for logs: <c>IAppGrain.ApplyAsync</c>.</summary>
    public string Name { get; }

    /// <summary>True when the caller does not wait (<see cref="OneWayAttribute"/>).</summary>
    public bool IsOneWay { get; }

    public static GrainMethodInvoker For(MethodInfo method) => Cache.GetOrAdd(method, static m => new GrainMethodInvoker(m));

    /// <summary>
    /// The mailbox item for a call with <paramref name="args"/>, and the task its caller gets: typed as the method
    /// returns it, failing after <paramref name="timeout"/>; already complete for one-way calls.
    /// </summary>
    public (WorkItem Item, Task Result) CreateItem(object?[] args, GrainId id, TimeSpan timeout) => _createItem(this, args, id, timeout);

    private static (WorkItem, Task) CreateTypedCall<T>(GrainMethodInvoker invoker, object?[] args, GrainId id, TimeSpan timeout)
    {
        var item = new CallItem<T>(invoker.Name, grain => (Task<T>)invoker._call(grain, args));
        return (item, CallTimeout.Apply(item.Result, id, invoker.Name, timeout));
    }

    // (grain, args) => ((IFoo)grain).Method((A)args[0], (B)args[1], ...)
    private static Func<object, object?[], Task> Compile(MethodInfo method)
    {
        var grain = Expression.Parameter(typeof(object), "grain");
        var args = Expression.Parameter(typeof(object?[]), "args");
        var parameters = method.GetParameters()
            .Select((p, i) => Expression.Convert(Expression.ArrayIndex(args, Expression.Constant(i)), p.ParameterType));
        var call = Expression.Call(Expression.Convert(grain, method.DeclaringType!), method, parameters);
        return Expression.Lambda<Func<object, object?[], Task>>(Expression.Convert(call, typeof(Task)), grain, args).Compile();
    }
}
