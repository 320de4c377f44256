using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Master.View;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Watch;

/// <summary>The answer to a request with <c>watch=true</c>: the watch's stream, until the client leaves.</summary>
internal sealed class AppWatchResult(ClusterView view, LabelSelector selector, AppId? only) : IResult
{
    /// <inheritdoc />
    public Task ExecuteAsync(HttpContext httpContext) => AppWatch.StreamAsync(httpContext, view, selector, only);
}
