using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// How long a streaming answer (the event stream, a watch) lasts: until the client leaves or the master stops. Without
/// the second, a stream still open would hold the master's shutdown until the host's timeout.
/// </summary>
internal static class StreamLifetime
{
    /// <summary>A source cancelled when the client leaves or the application stops; dispose it with the stream.</summary>
    public static CancellationTokenSource For(HttpContext context)
    {
        var stopping = context.RequestServices.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;
        return CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
    }
}
