using System.Globalization;
using Mesos.Orleans.Telemetry.Metrics;
using Mesos.Orleans.Telemetry.Tracing;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mesos.Orleans.Telemetry.Export;

/// <summary>
/// Export of traces and metrics by OTLP, configured by OpenTelemetry's standard environment variables
/// (<c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c>, <c>OTEL_SERVICE_NAME</c>,
/// <c>OTEL_RESOURCE_ATTRIBUTES</c>, <c>OTEL_TRACES_SAMPLER[_ARG]</c>…). Without an endpoint nothing is set up:
/// no listener exists, so no span is even created.
/// </summary>
public sealed class OtlpExport : IDisposable
{
    private readonly TracerProvider? _traces;
    private readonly MeterProvider? _metrics;

    private OtlpExport(TracerProvider? traces, MeterProvider? metrics)
    {
        _traces = traces;
        _metrics = metrics;
    }

    /// <summary>
    /// Starts export when the environment asks for it; null when it does not. <paramref name="serviceName"/> is the
    /// service's name unless <c>OTEL_SERVICE_NAME</c> (or <c>service.name</c> in <c>OTEL_RESOURCE_ATTRIBUTES</c>) says otherwise.
    /// </summary>
    public static OtlpExport? FromEnvironment(string serviceName) => FromEnvironment(serviceName, Environment.GetEnvironmentVariable);

    internal static OtlpExport? FromEnvironment(string serviceName, Func<string, string?> variable)
    {
        bool Set(string name) => !string.IsNullOrWhiteSpace(variable(name));
        bool Is(string name, string value) => string.Equals(variable(name)?.Trim(), value, StringComparison.OrdinalIgnoreCase);

        if (Is("OTEL_SDK_DISABLED", "true"))
        {
            return null;
        }

        var traces = (Set("OTEL_EXPORTER_OTLP_ENDPOINT") || Set("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")) && !Is("OTEL_TRACES_EXPORTER", "none");
        var metrics = (Set("OTEL_EXPORTER_OTLP_ENDPOINT") || Set("OTEL_EXPORTER_OTLP_METRICS_ENDPOINT")) && !Is("OTEL_METRICS_EXPORTER", "none");
        if (!traces && !metrics)
        {
            return null;
        }

        var resource = ResourceBuilder.CreateDefault();
        if (!Set("OTEL_SERVICE_NAME") && variable("OTEL_RESOURCE_ATTRIBUTES")?.Contains("service.name=", StringComparison.Ordinal) != true)
        {
            resource.AddService(serviceName);
        }

        // The OTLP default protocol of the specification (and of collectors' port 4318), where .NET's is gRPC.
        var protocol = Is("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc") ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        var tracer = traces
            ? Sdk.CreateTracerProviderBuilder()
                .SetResourceBuilder(resource)
                .SetSampler(SamplerOf(variable("OTEL_TRACES_SAMPLER"), variable("OTEL_TRACES_SAMPLER_ARG")))
                .AddSource(Sources.All)
                .AddOtlpExporter(o => o.Protocol = protocol)
                .Build()
            : null;
        var meter = metrics
            ? Sdk.CreateMeterProviderBuilder()
                .SetResourceBuilder(resource)
                .AddMeter(MesosMetrics.MeterName)
                .AddOtlpExporter(o => o.Protocol = protocol)
                .Build()
            : null;
        return new OtlpExport(tracer, meter);
    }

    /// <summary>The sampler <c>OTEL_TRACES_SAMPLER</c> names (default: parentbased_always_on).</summary>
    internal static Sampler SamplerOf(string? name, string? argument)
    {
        var ratio = double.TryParse(argument, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 ? r : 1.0;
        return name?.Trim().ToLowerInvariant() switch
        {
            "always_on" => new AlwaysOnSampler(),
            "always_off" => new AlwaysOffSampler(),
            "traceidratio" => new TraceIdRatioBasedSampler(ratio),
            "parentbased_always_off" => new ParentBasedSampler(new AlwaysOffSampler()),
            "parentbased_traceidratio" => new ParentBasedSampler(new TraceIdRatioBasedSampler(ratio)),
            _ => new ParentBasedSampler(new AlwaysOnSampler()),
        };
    }

    /// <summary>Flushes what is buffered and stops exporting.</summary>
    public void Dispose()
    {
        _traces?.Dispose();
        _metrics?.Dispose();
    }
}
