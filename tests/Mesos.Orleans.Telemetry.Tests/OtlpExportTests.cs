using Mesos.Orleans.Telemetry.Export;
using OpenTelemetry.Trace;

namespace Mesos.Orleans.Telemetry.Tests;

public sealed class OtlpExportTests
{
    [Fact]
    public void WithoutAnEndpoint_NothingIsSetUp()
    {
        Assert.Null(OtlpExport.FromEnvironment("svc", _ => null));
        Assert.Null(OtlpExport.FromEnvironment("svc", name => name == "OTEL_SERVICE_NAME" ? "x" : null));
    }

    [Fact]
    public void DisabledSdk_OrNoExporters_SetUpNothing()
    {
        var disabled = new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1", ["OTEL_SDK_DISABLED"] = "true" };
        Assert.Null(OtlpExport.FromEnvironment("svc", disabled.GetValueOrDefault));

        var none = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1",
            ["OTEL_TRACES_EXPORTER"] = "none",
            ["OTEL_METRICS_EXPORTER"] = "none",
        };
        Assert.Null(OtlpExport.FromEnvironment("svc", none.GetValueOrDefault));
    }

    [Fact]
    public void AnEndpoint_SetsUpExport()
    {
        using var export = OtlpExport.FromEnvironment("svc", new Dictionary<string, string> { ["OTEL_EXPORTER_OTLP_ENDPOINT"] = "http://127.0.0.1:1" }.GetValueOrDefault);
        Assert.NotNull(export);
    }

    [Theory]
    [InlineData(null, null, "ParentBased{AlwaysOnSampler}")]
    [InlineData("always_off", null, "AlwaysOffSampler")]
    [InlineData("traceidratio", "0.25", "TraceIdRatioBasedSampler{0.250000}")]
    [InlineData("parentbased_traceidratio", "0.5", "ParentBased{TraceIdRatioBasedSampler{0.500000}}")]
    public void Sampler_IsTheOneTheVariableNames(string? name, string? argument, string description) =>
        Assert.Equal(description, OtlpExport.SamplerOf(name, argument).Description);
}
