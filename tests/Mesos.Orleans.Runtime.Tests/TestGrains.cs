using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Runtime.Tests;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> IncrementAsync();

    Task<int> GetAsync();

    [OneWay]
    Task IncrementLaterAsync();

    Task<int> ActivationsAsync();

    Task DeactivateAsync();
}

public sealed class CounterState
{
    public int Value { get; set; }
}

[GrainType("counter")]
public sealed class CounterGrain : Grain, ICounterGrain
{
    public static int Activations;
    private readonly IPersistentState<CounterState> _state;

    public CounterGrain(IGrainContext context) : base(context) => _state = context.State<CounterState>("counter");

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref Activations);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        _state.State.Value++;
        await _state.WriteStateAsync();
        return _state.State.Value;
    }

    public Task<int> GetAsync() => Task.FromResult(_state.State.Value);

    public Task IncrementLaterAsync() => IncrementAsync();

    public Task<int> ActivationsAsync() => Task.FromResult(Volatile.Read(ref Activations));

    public Task DeactivateAsync()
    {
        Context.DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

/// <summary>Records whether two of its turns ever overlapped.</summary>
public interface ITurnGrain : IGrainWithStringKey
{
    Task<int> EnterAsync(int delayMs);

    Task<bool> OverlappedAsync();
}

[GrainType("turn")]
public sealed class TurnGrain(IGrainContext context) : Grain(context), ITurnGrain
{
    private int _inside;
    private bool _overlapped;
    private int _turns;

    public async Task<int> EnterAsync(int delayMs)
    {
        if (++_inside > 1)
        {
            _overlapped = true;
        }

        await Task.Delay(delayMs);
        _inside--;
        return ++_turns;
    }

    public Task<bool> OverlappedAsync() => Task.FromResult(_overlapped);
}

/// <summary>Calls a peer and waits: two of them calling each other deadlock, which the call timeout reveals.</summary>
public interface IPingGrain : IGrainWithStringKey
{
    Task PingAsync(string peer, int hops);
}

[GrainType("ping")]
public sealed class PingGrain(IGrainContext context) : Grain(context), IPingGrain
{
    public Task PingAsync(string peer, int hops) =>
        hops == 0 ? Task.CompletedTask : GrainFactory.GetGrain<IPingGrain>(peer).PingAsync(Key, hops - 1);
}

public interface ITimerGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);

    Task<int> TicksAsync();
}

[GrainType("timer")]
[KeepAlive]
public sealed class TimerGrain(IGrainContext context) : Grain(context), ITimerGrain
{
    private int _ticks;

    public Task StartAsync(TimeSpan period)
    {
        Context.RegisterTimer(_ =>
        {
            _ticks++;
            return Task.CompletedTask;
        }, period, period);
        return Task.CompletedTask;
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);
}

public interface IFailingGrain : IGrainWithStringKey
{
    Task<string> HelloAsync();
}

[GrainType("failing")]
public sealed class FailingGrain : Grain, IFailingGrain
{
    public static int Attempts;

    public FailingGrain(IGrainContext context) : base(context)
    {
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        Interlocked.Increment(ref Attempts) == 1 ? throw new InvalidOperationException("first activation fails") : Task.CompletedTask;

    public Task<string> HelloAsync() => Task.FromResult("hello");
}

public interface IInventoryGrain : IGrainWithStringKey
{
    Task PutAsync(string item, int count);

    Task RemoveAsync(string item);

    Task<IReadOnlyDictionary<string, int>> ListAsync();
}

public sealed class Stock
{
    public int Count { get; set; }
}

[GrainType("inventory")]
public sealed class InventoryGrain : Grain, IInventoryGrain
{
    private readonly IPersistentMap<Stock> _items;

    public InventoryGrain(IGrainContext context) : base(context) => _items = context.Map<Stock>("items");

    public Task PutAsync(string item, int count)
    {
        _items.Set(item, new Stock { Count = count });
        return _items.WriteStateAsync();
    }

    public Task RemoveAsync(string item)
    {
        _items.Remove(item);
        return _items.WriteStateAsync();
    }

    public Task<IReadOnlyDictionary<string, int>> ListAsync() =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(_items.ToDictionary(kv => kv.Key, kv => kv.Value.Count));
}

/// <summary>Keeps its own mailbox full forever: it is never idle.</summary>
public interface IBusyGrain : IGrainWithStringKey
{
    Task StartAsync();
}

[GrainType("busy")]
public sealed class BusyGrain(IGrainContext context) : Grain(context), IBusyGrain
{
    public Task StartAsync()
    {
        Spin();
        return Task.CompletedTask;
    }

    private void Spin() => Context.Post(() =>
    {
        Spin();
        return Task.Delay(1);
    });
}
