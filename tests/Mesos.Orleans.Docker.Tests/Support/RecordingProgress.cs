using System.Collections.Concurrent;

namespace Mesos.Orleans.Docker.Tests.Support;

/// <summary>An <see cref="IProgress{T}"/> that records each report synchronously (unlike <see cref="Progress{T}"/>, which posts).</summary>
public sealed class RecordingProgress<T> : IProgress<T>
{
    private readonly ConcurrentQueue<T> _reports = new();

    /// <summary>The reports so far, in order.</summary>
    public IReadOnlyList<T> Reports => [.. _reports];

    /// <inheritdoc/>
    public void Report(T value) => _reports.Enqueue(value);
}
