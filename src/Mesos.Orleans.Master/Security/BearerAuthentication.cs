using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Mesos.Orleans.Master.Security;

/// <summary>
/// Refuses requests without a valid bearer token with 401, <c>WWW-Authenticate: Bearer</c> and no details; only
/// the liveness endpoints are open to all.
/// </summary>
internal static class BearerAuthentication
{
    private static readonly string[] OpenPaths = ["/ping", "/health"];

    /// <summary>Adds the check to the pipeline, when <paramref name="security"/> turns it on.</summary>
    public static void UseBearerAuthentication(this IApplicationBuilder app, ApiSecurity security)
    {
        if (!security.Enabled)
        {
            return;
        }

        app.Use(async (context, next) =>
        {
            if (OpenPaths.Contains(context.Request.Path.Value, StringComparer.Ordinal) || security.ApiTokens.Accepts(TokenOf(context.Request)))
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await context.Response.WriteAsJsonAsync(new ApiError("Unauthorized"), Json.Options, context.RequestAborted);
        });
    }

    /// <summary>The bearer token of a request, or null.</summary>
    public static string? TokenOf(HttpRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase) ? header[scheme.Length..].Trim() : null;
    }
}
