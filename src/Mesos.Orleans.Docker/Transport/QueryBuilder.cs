using System.Globalization;
using System.Text;

namespace Mesos.Orleans.Docker.Transport;

/// <summary>Builds the URL-escaped query string of a request; parameters left null are omitted.</summary>
internal sealed class QueryBuilder
{
    private readonly StringBuilder _query = new();

    public QueryBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            _query.Append(_query.Length == 0 ? '?' : '&')
                .Append(Uri.EscapeDataString(name))
                .Append('=')
                .Append(Uri.EscapeDataString(value));
        }

        return this;
    }

    public QueryBuilder Add(string name, bool value) => Add(name, value ? "true" : "false");

    public QueryBuilder Add(string name, long? value) =>
        Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public QueryBuilder Add(string name, DockerFilters? filters) =>
        Add(name, filters is null || filters.IsEmpty ? null : filters.ToJson());

    /// <summary>A Unix timestamp with fractional seconds, the form of <c>since</c>/<c>until</c>.</summary>
    public QueryBuilder Add(string name, DateTimeOffset? time) =>
        Add(name, time is { } t
            ? ((t - DateTimeOffset.UnixEpoch).Ticks / (decimal)TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture)
            : null);

    public override string ToString() => _query.ToString();
}
