using System.Globalization;
using System.Text;
using System.Text.Json.Serialization;

namespace Mesos.Orleans.Core.Resources;

/// <summary>
/// An immutable bundle of resources: the scalars cpus, mem (MB), disk (MB) and gpus, and port ranges.
/// Scalars are rounded to three decimals after every operation, as Mesos does, so sums never drift.
/// </summary>
public sealed record ResourceSet
{
    /// <summary>The names of the resources, as Mesos spells them.</summary>
    public const string CpusName = "cpus", MemName = "mem", DiskName = "disk", GpusName = "gpus", PortsName = "ports";

    /// <summary>No resources at all.</summary>
    public static ResourceSet Empty { get; } = new();

    /// <summary>Creates a bundle; scalars must not be negative.</summary>
    [JsonConstructor]
    public ResourceSet(double cpus = 0, double mem = 0, double disk = 0, double gpus = 0, RangeSet? ports = null)
    {
        Cpus = Fixed(cpus, CpusName);
        Mem = Fixed(mem, MemName);
        Disk = Fixed(disk, DiskName);
        Gpus = Fixed(gpus, GpusName);
        Ports = ports ?? RangeSet.Empty;
    }

    /// <summary>CPU shares.</summary>
    public double Cpus { get; }

    /// <summary>Memory in MB.</summary>
    public double Mem { get; }

    /// <summary>Disk in MB.</summary>
    public double Disk { get; }

    /// <summary>GPUs.</summary>
    public double Gpus { get; }

    /// <summary>Port ranges.</summary>
    public RangeSet Ports { get; }

    /// <summary>True when the bundle holds nothing.</summary>
    [JsonIgnore]
    public bool IsEmpty => Cpus == 0 && Mem == 0 && Disk == 0 && Gpus == 0 && Ports.IsEmpty;

    /// <summary>The sum of two bundles.</summary>
    public static ResourceSet operator +(ResourceSet a, ResourceSet b) =>
        new(a.Cpus + b.Cpus, a.Mem + b.Mem, a.Disk + b.Disk, a.Gpus + b.Gpus, a.Ports.Union(b.Ports));

    /// <summary>
    /// <paramref name="a"/> without <paramref name="b"/>; <paramref name="a"/> must contain <paramref name="b"/>.
    /// </summary>
    public static ResourceSet operator -(ResourceSet a, ResourceSet b)
    {
        if (!a.Contains(b))
        {
            throw new InvalidOperationException($"cannot subtract {b} from {a}: it is not contained");
        }

        return new(a.Cpus - b.Cpus, a.Mem - b.Mem, a.Disk - b.Disk, a.Gpus - b.Gpus, a.Ports.Subtract(b.Ports));
    }

    /// <summary>The same scalars with other ports.</summary>
    public ResourceSet WithPorts(RangeSet ports) => new(Cpus, Mem, Disk, Gpus, ports);

    /// <summary>The scalars alone, without ports.</summary>
    public ResourceSet WithoutPorts() => Ports.IsEmpty ? this : new(Cpus, Mem, Disk, Gpus);

    /// <summary>The sum of two bundles.</summary>
    public ResourceSet Add(ResourceSet other) => this + other;

    /// <summary>This bundle without <paramref name="other"/>, which it must contain.</summary>
    public ResourceSet Subtract(ResourceSet other) => this - other;

    /// <summary>True when every resource of <paramref name="other"/> fits in this bundle.</summary>
    public bool Contains(ResourceSet other) =>
        Cpus >= other.Cpus && Mem >= other.Mem && Disk >= other.Disk && Gpus >= other.Gpus && Ports.Contains(other.Ports);

    /// <summary>The scalar value of a resource by name (ports count as the number of ports).</summary>
    public double Scalar(string name) => name switch
    {
        CpusName => Cpus,
        MemName => Mem,
        DiskName => Disk,
        GpusName => Gpus,
        PortsName => Ports.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown resource"),
    };

    /// <summary>The scalar resources in a fixed order, for share computations.</summary>
    public static IReadOnlyList<string> ScalarNames { get; } = [CpusName, MemName, DiskName, GpusName];

    /// <summary>
    /// Parses Mesos' <c>--resources</c> form: <c>cpus:4;mem:8192;disk:10000;ports:[31000-32000]</c>.
    /// </summary>
    public static bool TryParse(string text, out ResourceSet resources, out string? error)
    {
        resources = Empty;
        error = null;
        double cpus = 0, mem = 0, disk = 0, gpus = 0;
        var ports = RangeSet.Empty;
        foreach (var part in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                error = $"'{part}' is not name:value";
                return false;
            }

            var name = part[..colon].Trim();
            var value = part[(colon + 1)..].Trim();
            if (name == PortsName)
            {
                if (!RangeSet.TryParse(value, out ports, out error))
                {
                    return false;
                }

                continue;
            }

            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var scalar) || scalar < 0 || !double.IsFinite(scalar))
            {
                error = $"'{value}' is not a non-negative number for {name}";
                return false;
            }

            switch (name)
            {
                case CpusName: cpus = scalar; break;
                case MemName: mem = scalar; break;
                case DiskName: disk = scalar; break;
                case GpusName: gpus = scalar; break;
                default:
                    error = $"unknown resource '{name}' (known: cpus, mem, disk, gpus, ports)";
                    return false;
            }
        }

        resources = new ResourceSet(cpus, mem, disk, gpus, ports);
        return true;
    }

    /// <summary>Parses Mesos' <c>--resources</c> form or throws <see cref="FormatException"/>.</summary>
    public static ResourceSet Parse(string text) =>
        TryParse(text, out var resources, out var error) ? resources : throw new FormatException(error);

    /// <summary>Mesos' text form, leaving out what is zero.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        void Scalar(string name, double value)
        {
            if (value != 0)
            {
                sb.Append(sb.Length > 0 ? ";" : "").Append(CultureInfo.InvariantCulture, $"{name}:{value}");
            }
        }

        Scalar(CpusName, Cpus);
        Scalar(MemName, Mem);
        Scalar(DiskName, Disk);
        Scalar(GpusName, Gpus);
        if (!Ports.IsEmpty)
        {
            sb.Append(sb.Length > 0 ? ";" : "").Append(PortsName).Append(':').Append(Ports);
        }

        return sb.Length == 0 ? "{}" : sb.ToString();
    }

    private static double Fixed(double value, string name)
    {
        var rounded = Math.Round(value, 3, MidpointRounding.AwayFromZero);
        if (rounded < 0 || !double.IsFinite(rounded))
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be a finite, non-negative number");
        }

        return rounded == 0 ? 0 : rounded; // no negative zero
    }
}
