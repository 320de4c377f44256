using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Mesos.Orleans.Telemetry.Metrics;

/// <summary>
/// Listens to the instruments of one Meter name and keeps what Prometheus' text exposition format needs: a sum per
/// label set for counters, the latest value for gauges (observed at each scrape), and cumulative buckets, sum and
/// count for histograms. <see cref="Write"/> renders it (version 0.0.4 of the format).
/// </summary>
public sealed class PrometheusCollector : IDisposable
{
    /// <summary>The bucket bounds of every histogram, in the instrument's unit (seconds for durations).</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private readonly Dictionary<Instrument, Family> _families = [];

    public PrometheusCollector(string meterName = MesosMetrics.MeterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                Family family;
                lock (_lock)
                {
                    _families[instrument] = family = new Family(instrument);
                }

                listener.EnableMeasurementEvents(instrument, family);
            }
        };
        _listener.MeasurementsCompleted = (instrument, _) =>
        {
            lock (_lock)
            {
                _families.Remove(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((Family)state!).Record(value, tags));
        _listener.Start();
    }

    /// <summary>The Prometheus content type of <see cref="Write"/>'s output.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    /// <summary>Observes the gauges, then renders every family, sorted by name.</summary>
    public string Write()
    {
        var families = Observe();
        var text = new StringBuilder();
        foreach (var family in families.OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            family.Write(text);
        }

        return text.ToString();
    }

    /// <summary>The sum over label sets of a counter, or a histogram's count; 0 when nothing was measured.</summary>
    public double Total(string instrumentName) => Find(instrumentName)?.Total(sum: false) ?? 0;

    /// <summary>The sum over label sets of a histogram's observations.</summary>
    public double HistogramSum(string instrumentName) => Find(instrumentName)?.Total(sum: true) ?? 0;

    private Family? Find(string instrumentName)
    {
        lock (_lock)
        {
            return _families.Values.FirstOrDefault(f => f.Instrument.Name == instrumentName);
        }
    }

    private List<Family> Observe()
    {
        List<Family> families;
        lock (_lock)
        {
            families = [.. _families.Values];
        }

        // A gauge shows what its callback says now: label sets it no longer reports are gone.
        families.Where(f => f.Instrument.IsObservable).ToList().ForEach(f => f.Clear());
        _listener.RecordObservableInstruments();
        return families;
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>Prometheus' name of an instrument: dots to underscores, the unit <c>s</c> as <c>_seconds</c>, counters with <c>_total</c>.</summary>
    public static string NameOf(Instrument instrument)
    {
        var name = Sanitize(instrument.Name);
        if (instrument.Unit == "s" && !name.EndsWith("_seconds", StringComparison.Ordinal))
        {
            name += "_seconds";
        }

        return KindOf(instrument) == "counter" ? name + "_total" : name;
    }

    private static string KindOf(Instrument instrument) => instrument switch
    {
        _ when instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal) => "histogram",
        _ when instrument.GetType().Name.StartsWith("Counter", StringComparison.Ordinal) => "counter",
        _ when instrument.GetType().Name.StartsWith("ObservableCounter", StringComparison.Ordinal) => "counter",
        _ => "gauge", // gauges, up-down counters
    };

    /// <summary>A metric or label name with every character outside [a-zA-Z0-9_] replaced by an underscore.</summary>
    public static string Sanitize(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(chars[i]) || chars[i] == '_') || (i == 0 && char.IsAsciiDigit(chars[i])))
            {
                chars[i] = '_';
            }
        }

        return new string(chars);
    }

    /// <summary>A label value escaped as the format says: backslash, double quote and newline.</summary>
    public static string Escape(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    /// <summary>A sample value as the format writes it.</summary>
    public static string Format(double value) =>
        double.IsPositiveInfinity(value) ? "+Inf" : double.IsNegativeInfinity(value) ? "-Inf" : double.IsNaN(value) ? "NaN"
        : value.ToString("R", CultureInfo.InvariantCulture);

    private sealed class Family(Instrument instrument)
    {
        private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

        public Instrument Instrument { get; } = instrument;

        public string Name { get; } = NameOf(instrument);

        private string Kind { get; } = KindOf(instrument);

        private bool Cumulative => Kind == "counter" || Instrument.GetType().Name.StartsWith("UpDownCounter", StringComparison.Ordinal);

        public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var labels = tags.Length == 0 ? "" : Labels(tags);
            lock (_series)
            {
                if (!_series.TryGetValue(labels, out var series))
                {
                    _series[labels] = series = new Series(Kind == "histogram" ? new long[Buckets.Length] : null);
                }

                if (series.Buckets is { } buckets)
                {
                    var index = Array.BinarySearch(Buckets, value);
                    index = index >= 0 ? index : ~index;
                    if (index < buckets.Length)
                    {
                        buckets[index]++;
                    }

                    series.Count++;
                    series.Sum += value;
                }
                else
                {
                    series.Value = Cumulative ? series.Value + value : value;
                }
            }
        }

        public void Clear()
        {
            lock (_series)
            {
                _series.Clear();
            }
        }

        public double Total(bool sum)
        {
            lock (_series)
            {
                return _series.Values.Sum(s => s.Buckets is null ? s.Value : sum ? s.Sum : s.Count);
            }
        }

        public void Write(StringBuilder text)
        {
            lock (_series)
            {
                if (_series.Count == 0)
                {
                    return;
                }

                var help = Instrument.Description ?? Instrument.Name;
                text.Append("# HELP ").Append(Name).Append(' ').Append(help.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal)).Append('\n');
                text.Append("# TYPE ").Append(Name).Append(' ').Append(Kind).Append('\n');
                foreach (var (labels, series) in _series.OrderBy(s => s.Key, StringComparer.Ordinal))
                {
                    if (series.Buckets is { } buckets)
                    {
                        long cumulative = 0;
                        for (int i = 0; i < buckets.Length; i++)
                        {
                            cumulative += buckets[i];
                            Sample(text, Name + "_bucket", Join(labels, $"le=\"{Format(Buckets[i])}\""), cumulative);
                        }

                        Sample(text, Name + "_bucket", Join(labels, "le=\"+Inf\""), series.Count);
                        Sample(text, Name + "_sum", labels, series.Sum);
                        Sample(text, Name + "_count", labels, series.Count);
                    }
                    else
                    {
                        Sample(text, Name, labels, series.Value);
                    }
                }
            }
        }

        private static string Join(string labels, string label) => labels.Length == 0 ? label : labels + "," + label;

        private static void Sample(StringBuilder text, string name, string labels, double value)
        {
            text.Append(name);
            if (labels.Length > 0)
            {
                text.Append('{').Append(labels).Append('}');
            }

            text.Append(' ').Append(Format(value)).Append('\n');
        }

        private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var pairs = new List<string>(tags.Length);
            foreach (var (key, value) in tags)
            {
                pairs.Add($"{Sanitize(key)}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "")}\"");
            }

            pairs.Sort(StringComparer.Ordinal);
            return string.Join(',', pairs);
        }
    }

    private sealed class Series(long[]? buckets)
    {
        public long[]? Buckets { get; } = buckets;

        public double Value { get; set; }

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
