using System.Text.Json.Serialization;
using Mesos.Orleans.Docker.Json;

namespace Mesos.Orleans.Docker.Containers;

/// <summary>
/// A host path (or named volume) mounted into a container; written as the API's <c>source:target[:ro|rw]</c>.
/// </summary>
/// <param name="Source">An absolute host path, or the name of a volume.</param>
/// <param name="Target">The absolute path inside the container.</param>
/// <param name="ReadOnly">Whether the container may only read it.</param>
[JsonConverter(typeof(VolumeBindJsonConverter))]
public sealed record VolumeBind(string Source, string Target, bool ReadOnly = false)
{
    /// <summary>The bind in the API's <c>source:target:mode</c> form.</summary>
    public override string ToString() => $"{Source}:{Target}:{(ReadOnly ? "ro" : "rw")}";

    /// <summary>Parses the API's <c>source:target[:options]</c> form; <c>ro</c> among the options makes it read-only.</summary>
    /// <exception cref="FormatException">There is no target.</exception>
    public static VolumeBind Parse(string bind)
    {
        ArgumentNullException.ThrowIfNull(bind);
        var parts = bind.Split(':');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"'{bind}' is not a bind of the form source:target[:options]");
        }

        var readOnly = parts.Length > 2 && parts[2].Split(',').Contains("ro", StringComparer.Ordinal);
        return new VolumeBind(parts[0], parts[1], readOnly);
    }
}
