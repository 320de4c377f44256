using System.Net;

namespace Mesos.Orleans.Testing.Telemetry;

/// <summary>
/// An OTLP/HTTP receiver on a free loopback port, as a collector would be: it takes protobuf
/// <c>ExportTraceServiceRequest</c>s at <c>/v1/traces</c> and keeps their spans; metrics and logs are accepted
/// and dropped. Point <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> at <see cref="Endpoint"/>.
/// </summary>
public sealed class OtlpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly List<ExportedSpan> _spans = [];
    private readonly List<string> _errors = [];
    private readonly Task _serving;

    private OtlpReceiver()
    {
        Endpoint = $"http://127.0.0.1:{FreePort.Next()}";
        _listener.Prefixes.Add(Endpoint + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>Starts a receiver on a free port.</summary>
    public static OtlpReceiver Start() => new();

    /// <summary>The base URL exporters send to.</summary>
    public string Endpoint { get; }

    /// <summary>The spans received so far.</summary>
    public IReadOnlyList<ExportedSpan> Spans
    {
        get
        {
            lock (_spans)
            {
                if (_errors.Count > 0)
                {
                    throw new InvalidOperationException("the receiver could not decode a request: " + string.Join("; ", _errors));
                }

                return [.. _spans];
            }
        }
    }

    /// <summary>The environment that makes an OpenTelemetry SDK export here, quickly.</summary>
    public IReadOnlyDictionary<string, string> ExporterEnvironment(string serviceName) => new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Endpoint,
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_SERVICE_NAME"] = serviceName,
        ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    };

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            await AnswerAsync(context);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        if (context.Request.Url?.AbsolutePath == "/v1/traces")
        {
            try
            {
                var spans = OtlpTraceDecoder.Decode(body.ToArray());
                lock (_spans)
                {
                    _spans.AddRange(spans);
                }
            }
            catch (FormatException e)
            {
                lock (_spans)
                {
                    _errors.Add(e.Message);
                }

                context.Response.StatusCode = 400;
            }
        }

        context.Response.ContentType = "application/x-protobuf";
        context.Response.Close(); // an empty Export*ServiceResponse: everything accepted
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _serving;
    }
}
