using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Master.Agents;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Net.Http.Headers;

namespace Mesos.Orleans.Master.Security;

/// <summary>
/// Refuses requests without a valid bearer token with 401, <c>WWW-Authenticate: Bearer</c> and no details; only
/// the liveness endpoints are open to all. The agent channel (<see cref="AgentChannelApi.Prefix"/>) takes agent
/// tokens only, whenever there are any; its refusals are logged, since a refused agent is a broken cluster.
/// </summary>
internal static partial class BearerAuthentication
{
    private static readonly string[] OpenPaths = ["/ping", "/health"];

    /// <summary>Adds the check to the pipeline, when <paramref name="security"/> turns it on.</summary>
    public static void UseBearerAuthentication(this IApplicationBuilder app, ApiSecurity security)
    {
        var agentsChecked = security.Enabled || security.AgentTokens.Count > 0;
        if (!agentsChecked)
        {
            return;
        }

        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BearerAuthentication).FullName!);
        app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments(AgentChannelApi.Prefix, StringComparison.Ordinal))
            {
                if (security.AgentTokens.Accepts(TokenOf(context.Request)))
                {
                    await next(context);
                    return;
                }

                LogAgentRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", path.Value ?? "");
                await RefuseAsync(context);
                return;
            }

            if (!security.Enabled || OpenPaths.Contains(path.Value, StringComparer.Ordinal) || security.ApiTokens.Accepts(TokenOf(context.Request)))
            {
                await next(context);
                return;
            }

            await RefuseAsync(context);
        });
    }

    private static async Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await context.Response.WriteAsJsonAsync(new ApiError("Unauthorized"), Json.Options, context.RequestAborted);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Agent channel request from {Remote} refused ({Path}): no valid agent token")]
    private static partial void LogAgentRefused(ILogger logger, string remote, string path);

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
