using static Mesos.Orleans.Core.Tests.Support.ManifestTesting;

namespace Mesos.Orleans.Core.Tests.Apps;

public class CheckValidatorTests
{
    private const string Named = "portDefinitions: [{name: http}, {name: admin}]";

    [Theory]
    [InlineData("{protocol: GRPC}", "protocol", "must be one of HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP, not 'GRPC'")]
    [InlineData("{protocol: http}", "protocol", "must be one of HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP, not 'http'")]
    [InlineData("{protocol: MESOS_COMMAND}", "protocol", "must be one of HTTP, HTTPS, TCP, COMMAND, MESOS_HTTP, MESOS_HTTPS, MESOS_TCP, not 'MESOS_COMMAND'")]
    [InlineData("{protocol: COMMAND}", "command.value", "a COMMAND check needs a command")]
    [InlineData("{protocol: COMMAND, command: {value: '  '}}", "command.value", "a COMMAND check needs a command")]
    [InlineData("{portIndex: 1}", "portIndex", "must name one of the app's 1 ports (0 to 0), not 1")]
    [InlineData("{protocol: MESOS_TCP, portIndex: -1}", "portIndex", "must name one of the app's 1 ports (0 to 0), not -1")]
    [InlineData("{port: 0}", "port", "must be between 1 and 65535, not 0")]
    [InlineData("{port: 65536}", "port", "must be between 1 and 65535, not 65536")]
    [InlineData("{path: health}", "path", "must start with '/', not 'health'")]
    [InlineData("{protocol: MESOS_HTTPS, path: health}", "path", "must start with '/', not 'health'")]
    [InlineData("{intervalSeconds: 0}", "intervalSeconds", "must be more than 0, not 0")]
    [InlineData("{intervalSeconds: -5}", "intervalSeconds", "must be more than 0, not -5")]
    [InlineData("{timeoutSeconds: 0}", "timeoutSeconds", "must be more than 0, not 0")]
    [InlineData("{gracePeriodSeconds: -1}", "gracePeriodSeconds", "must be 0 or more")]
    [InlineData("{delaySeconds: -1}", "delaySeconds", "must be 0 or more")]
    [InlineData("{maxConsecutiveFailures: -1}", "maxConsecutiveFailures", "must be 0 (never kill) or more")]
    public void HealthCheck_Invalid_IsReportedAtItsField(string check, string field, string message) =>
        AssertError(Decode(App($"{{cmd: x, healthChecks: [{{}}, {check}]}}")), $"spec.healthChecks[1].{field}", message);

    [Theory]
    [InlineData("[]", "{}", "the app has no port to check: give a port, or use a COMMAND check")]
    [InlineData("[]", "{protocol: TCP}", "the app has no port to check: give a port, or use a COMMAND check")]
    [InlineData("[{name: http}, {name: admin}]", "{portIndex: 2}", "must name one of the app's 2 ports (0 to 1), not 2")]
    public void HealthCheck_PortIndex_MustNameOneOfTheAppsPorts(string ports, string check, string message) =>
        AssertError(Decode(App($"{{cmd: x, portDefinitions: {ports}, healthChecks: [{check}]}}")), "spec.healthChecks[0].portIndex", message);

    [Theory]
    [InlineData("{}")]
    [InlineData("{protocol: HTTPS, path: /health}")]
    [InlineData("{protocol: TCP, path: not-a-path}")]
    [InlineData("{protocol: MESOS_HTTP}")]
    [InlineData("{protocol: MESOS_HTTPS}")]
    [InlineData("{protocol: MESOS_TCP}")]
    [InlineData("{protocol: COMMAND, command: {value: 'curl -f localhost:$PORT0'}, portIndex: 7}")]
    [InlineData("{port: 8080, portIndex: 7}")]
    [InlineData("{port: 1}")]
    [InlineData("{port: 65535}")]
    [InlineData("{intervalSeconds: 10, timeoutSeconds: 10}")]
    [InlineData("{intervalSeconds: 10}")] // the default timeout (20 s) may be longer than the interval, as in Marathon
    [InlineData("{gracePeriodSeconds: 0, delaySeconds: 0, maxConsecutiveFailures: 0}")]
    public void HealthCheck_Valid(string check) => Valid(App($"{{cmd: x, healthChecks: [{check}]}}"));

    [Fact]
    public void HealthCheck_FixedPort_NeedsNoPortDefinitions() =>
        Valid(App("{cmd: x, portDefinitions: [], healthChecks: [{protocol: TCP, port: 8080}, {protocol: COMMAND, command: {value: 'true'}}]}"));

    [Fact]
    public void HealthCheck_PortIndex_CountsTheGivenPorts() =>
        Valid(App($"{{cmd: x, {Named}, healthChecks: [{{portIndex: 0}}, {{portIndex: 1}}]}}"));

    [Fact]
    public void HealthCheck_EveryProblemIsReported() =>
        AssertErrors(
            Decode(App("{cmd: x, healthChecks: [{path: x, portIndex: 3, intervalSeconds: 5, gracePeriodSeconds: -1, maxConsecutiveFailures: -2}]}")),
            "spec.healthChecks[0].path", "spec.healthChecks[0].portIndex",
            "spec.healthChecks[0].gracePeriodSeconds", "spec.healthChecks[0].maxConsecutiveFailures");

    [Theory]
    [InlineData("{portName: http, protocol: TCP}", "protocol", "must be HTTP or HTTPS, not 'TCP'")]
    [InlineData("{portName: http, protocol: MESOS_HTTP}", "protocol", "must be HTTP or HTTPS, not 'MESOS_HTTP'")]
    [InlineData("{portName: web}", "portName", "'web' is not one of the ports' names (http, admin)")]
    [InlineData("{}", "portName", "'http-api' is not one of the ports' names (http, admin)")]
    [InlineData("{portName: http, path: ready}", "path", "must start with '/', not 'ready'")]
    [InlineData("{portName: http, httpStatusCodesForReady: []}", "httpStatusCodesForReady", "must list HTTP status codes (100 to 599)")]
    [InlineData("{portName: http, httpStatusCodesForReady: [200, 600]}", "httpStatusCodesForReady", "must list HTTP status codes (100 to 599)")]
    [InlineData("{portName: http, httpStatusCodesForReady: [99]}", "httpStatusCodesForReady", "must list HTTP status codes (100 to 599)")]
    [InlineData("{portName: http, intervalSeconds: 0}", "intervalSeconds", "must be more than 0, not 0")]
    [InlineData("{portName: http, timeoutSeconds: -1}", "timeoutSeconds", "must be more than 0, not -1")]
    public void ReadinessCheck_Invalid_IsReportedAtItsField(string check, string field, string message) =>
        AssertError(Decode(App($"{{cmd: x, {Named}, readinessChecks: [{{portName: admin}}, {check}]}}")), $"spec.readinessChecks[1].{field}", message);

    [Theory]
    [InlineData("")]
    [InlineData(", portDefinitions: []")]
    [InlineData(", portDefinitions: [{port: 0}]")]
    public void ReadinessCheck_WithoutNamedPorts_IsReportedAtPortName(string ports) =>
        AssertError(
            Decode(App($"{{cmd: x{ports}, readinessChecks: [{{portName: http}}]}}")),
            "spec.readinessChecks[0].portName", "'http' names no port: give the port a name in portDefinitions");

    [Theory]
    [InlineData("{portName: http}")]
    [InlineData("{portName: admin, protocol: HTTPS, path: /ready, httpStatusCodesForReady: [100, 200, 204, 599]}")]
    [InlineData("{portName: http, intervalSeconds: 5, timeoutSeconds: 5}")]
    public void ReadinessCheck_Valid(string check) => Valid(App($"{{cmd: x, {Named}, readinessChecks: [{check}]}}"));
}
