using System.Diagnostics;

namespace Mesos.Orleans.Agent.Health;

/// <summary>
/// An HTTP(S) GET of the task: 200–399 passes (a health check), or one of the listed codes does (a readiness check);
/// certificates are not checked, as Marathon does not check them either.
/// </summary>
public sealed class HttpProbe(HttpClient http, Uri uri, IReadOnlyList<int>? passingCodes, bool ignore1xx) : IProbe
{
    /// <summary>One client for every probe of the agent (pooled connections, no socket per check).</summary>
    /// <remarks>
    /// It checks tasks on this machine's loopback, which serve their own (often self-signed) certificates: what is
    /// asked is whether the task answers, not who it is.
    /// </remarks>
#pragma warning disable CA5359
    public static HttpClient SharedClient { get; } = new(new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    }) { Timeout = Timeout.InfiniteTimeSpan };
#pragma warning restore CA5359

    /// <inheritdoc />
    public async Task<ProbeResult> ProbeAsync(CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            var text = $"HTTP GET {uri.PathAndQuery} on port {uri.Port}: {code} ({watch.ElapsedMilliseconds} ms)";
            var passed = passingCodes is { Count: > 0 } ? passingCodes.Contains(code) : code is >= 200 and < 400;
            return new ProbeResult(passed, text, Counts: !(ignore1xx && code < 200), code);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return new ProbeResult(false, $"HTTP GET {uri.PathAndQuery} on port {uri.Port}: no answer within {watch.Elapsed.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return new ProbeResult(false, $"HTTP GET {uri.PathAndQuery} on port {uri.Port}: {e.Message}");
        }
    }
}
