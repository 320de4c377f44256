using System.Text;
using System.Text.Json;

namespace Mesos.Orleans.Docker;

/// <summary>
/// The <c>filters</c> of a list or events query, e.g. <c>{"label":["app=web"],"event":["start","die"]}</c>.
/// Immutable: each <c>Add…</c> returns a new set. The engine ANDs different keys and different labels, and ORs the
/// values of other keys (<c>event=start</c> or <c>event=die</c>).
/// </summary>
public sealed class DockerFilters
{
    private readonly SortedDictionary<string, IReadOnlyList<string>> _values;

    private DockerFilters(SortedDictionary<string, IReadOnlyList<string>> values) => _values = values;

    /// <summary>No filter.</summary>
    public static DockerFilters Empty { get; } = new(new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal));

    /// <summary>The filter values by key.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Values => _values;

    /// <summary>Whether there is no filter.</summary>
    public bool IsEmpty => _values.Count == 0;

    /// <summary>Only objects with the label <paramref name="key"/> (set to <paramref name="value"/> when given).</summary>
    public static DockerFilters Label(string key, string? value = null) => Empty.AddLabel(key, value);

    /// <summary>A copy that also requires the label <paramref name="key"/> (set to <paramref name="value"/> when given).</summary>
    public DockerFilters AddLabel(string key, string? value = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Add("label", value is null ? key : key + "=" + value);
    }

    /// <summary>A copy with <paramref name="value"/> added to the values of <paramref name="key"/> (e.g. <c>event</c>, <c>type</c>, <c>container</c>, <c>status</c>).</summary>
    public DockerFilters Add(string key, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(value);
        var copy = new SortedDictionary<string, IReadOnlyList<string>>(_values, StringComparer.Ordinal);
        copy[key] = copy.TryGetValue(key, out var existing) ? [.. existing, value] : [value];
        return new DockerFilters(copy);
    }

    /// <summary>The filters as the JSON the <c>filters</c> query parameter takes.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (key, values) in _values)
            {
                writer.WriteStartArray(key);
                foreach (var value in values)
                {
                    writer.WriteStringValue(value);
                }

                writer.WriteEndArray();
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The filters as JSON.</summary>
    public override string ToString() => ToJson();
}
