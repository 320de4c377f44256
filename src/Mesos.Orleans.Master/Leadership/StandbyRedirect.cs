using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// What a master that does not lead answers: every request but liveness and "who leads" gets a 307 to the same path
/// and query on the leader (the method and body are kept, so writes and agents' messages follow), or a 503 while no
/// leader is known. A standby runs no grains, so it has nothing else to answer from.
/// </summary>
internal static class StandbyRedirect
{
    // Answered by every master, leading or not.
    private static readonly string[] OwnPaths = ["/ping", "/health", "/v2/leader", "/master/redirect"];

    /// <summary>Seconds a client is told to wait before asking again while no leader is known.</summary>
    public const int RetryAfterSeconds = 1;

    /// <summary>Adds the redirect to the pipeline; a leading master passes every request on.</summary>
    public static void UseStandbyRedirect(this IApplicationBuilder app, ILeadership leadership)
    {
        app.Use(async (context, next) =>
        {
            if (leadership.IsLeader || OwnPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal))
            {
                await next(context);
                return;
            }

            if (leadership.Leader is { } leader)
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = Location(leader, context.Request);
                return;
            }

            await NoLeaderAsync(context.Response, "no master leads at the moment; retry shortly", context.RequestAborted);
        });
    }

    /// <summary>The same request's URL on the leader: its advertised URL (path base included) + path + query.</summary>
    public static string Location(LeaderInfo leader, HttpRequest request) =>
        leader.Url.GetLeftPart(UriPartial.Authority)
        + leader.Url.AbsolutePath.TrimEnd('/')
        + request.PathBase.ToUriComponent()
        + request.Path.ToUriComponent()
        + request.QueryString.ToUriComponent();

    /// <summary>Answers 503 with Retry-After and Marathon's error shape.</summary>
    public static Task NoLeaderAsync(HttpResponse response, string message, CancellationToken cancellationToken)
    {
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return response.WriteAsJsonAsync(new ApiError(message), Json.Options, cancellationToken);
    }
}
