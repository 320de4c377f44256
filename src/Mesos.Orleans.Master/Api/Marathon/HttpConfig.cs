using System.Text.Json.Serialization;

namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>Marathon's <c>http_config</c>: the port the API listens on (there is no HTTPS port: 0).</summary>
internal sealed record HttpConfig(
    [property: JsonPropertyName("http_port")] int HttpPort,
    [property: JsonPropertyName("https_port")] int HttpsPort);
