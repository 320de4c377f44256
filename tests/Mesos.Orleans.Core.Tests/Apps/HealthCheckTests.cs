using Mesos.Orleans.Core.Apps;
using static Mesos.Orleans.Core.Tests.Support.ManifestTesting;

namespace Mesos.Orleans.Core.Tests.Apps;

public class HealthCheckTests
{
    [Fact]
    public void Decode_HealthCheck_GetsMarathonsDefaults()
    {
        var check = Assert.Single(Valid(App("{cmd: x, healthChecks: [{}]}")).Spec.HealthChecks!);

        Assert.Equal(
            new HealthCheck
            {
                Protocol = "HTTP", Path = "/", PortIndex = 0, Port = null, Command = null, GracePeriodSeconds = 300, IntervalSeconds = 60,
                TimeoutSeconds = 20, MaxConsecutiveFailures = 3, DelaySeconds = 15, IgnoreHttp1xx = false,
            },
            check);
    }

    [Fact]
    public void Decode_HealthCheck_KeepsWhatIsGiven()
    {
        var check = Assert.Single(Valid(App(
            "{cmd: x, healthChecks: [{protocol: COMMAND, command: {value: 'true'}, gracePeriodSeconds: 5, intervalSeconds: 2, timeoutSeconds: 1, maxConsecutiveFailures: 0, delaySeconds: 0}]}"))
            .Spec.HealthChecks!);

        Assert.Equal(("COMMAND", "true", 5.0, 2.0, 1.0, 0, 0.0), (check.Protocol, check.Command!.Value, check.GracePeriodSeconds, check.IntervalSeconds, check.TimeoutSeconds, check.MaxConsecutiveFailures, check.DelaySeconds));
    }

    [Fact]
    public void Decode_ReadinessCheck_GetsMarathonsDefaults()
    {
        var check = Assert.Single(Valid(App("{cmd: x, portDefinitions: [{name: http-api}], readinessChecks: [{}]}")).Spec.ReadinessChecks!);

        Assert.Equal(
            ("readinessCheck", "HTTP", "/", "http-api", 30.0, 10.0, false),
            (check.Name, check.Protocol, check.Path, check.PortName, check.IntervalSeconds, check.TimeoutSeconds, check.PreserveLastResponse));
        Assert.Equal([200], check.HttpStatusCodesForReady);
    }

    [Fact]
    public void Decode_WithoutChecks_HasEmptyLists()
    {
        var spec = Valid(App("{cmd: x}")).Spec;

        Assert.Empty(spec.HealthChecks!);
        Assert.Empty(spec.ReadinessChecks!);
        Assert.Empty(spec.Constraints!);
    }

    [Theory]
    [InlineData("HTTP", "HTTP")]
    [InlineData("HTTPS", "HTTPS")]
    [InlineData("TCP", "TCP")]
    [InlineData("COMMAND", "COMMAND")]
    [InlineData("MESOS_HTTP", "HTTP")]
    [InlineData("MESOS_HTTPS", "HTTPS")]
    [InlineData("MESOS_TCP", "TCP")]
    public void Kind_IsTheProtocolWithoutItsMesosPrefix(string protocol, string kind) =>
        Assert.Equal(kind, new HealthCheck { Protocol = protocol }.Kind);

    [Fact]
    public void Kind_IsNotSerialized() =>
        Assert.DoesNotContain("kind", System.Text.Json.JsonSerializer.Serialize(new HealthCheck(), Core.Serialization.Json.Options), StringComparison.Ordinal);
}
