using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Storage.Tests.Support;

/// <summary>Keeps every log event, so a test can wait for one.</summary>
internal sealed class RecordingLogger : ILogger
{
    public ConcurrentQueue<(EventId Id, string Message)> Events { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Events.Enqueue((eventId, formatter(state, exception)));
}
