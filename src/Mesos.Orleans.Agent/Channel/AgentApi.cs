using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Agent.Channel;

/// <summary>
/// The agent's own HTTP endpoint, where the master sends launches and kills (the messages of
/// <see cref="IAgentChannel"/> as JSON). With a token set, a request must present it as a bearer token; a refusal
/// is a 401, logged. Tasks' logs are read from here too, a chunk at a time (<see cref="TaskLogReads"/>); an agent
/// that keeps no sandboxes (a simulated one) answers 404.
/// </summary>
public static partial class AgentApi
{
    /// <summary>Where launches arrive.</summary>
    public const string LaunchPath = "/api/v1/agent/launch";

    /// <summary>Where kills arrive.</summary>
    public const string KillPath = "/api/v1/agent/kill";

    /// <summary>Where a task's log is read.</summary>
    public const string TaskLogPath = "/" + TaskLogReads.Route;

    /// <summary>Maps the endpoints onto <paramref name="agent"/>; <paramref name="token"/> null leaves them open.</summary>
    public static void MapAgentApi(this WebApplication app, IAgentChannel agent, string? token) => app.MapAgentApi("", _ => agent, token);

    /// <summary>
    /// Maps the endpoints under <paramref name="routePrefix"/> (which may hold route parameters) onto the agent
    /// <paramref name="resolve"/> finds for a request (null: 404); <paramref name="token"/> null leaves them open.
    /// </summary>
    public static void MapAgentApi(this WebApplication app, string routePrefix, Func<HttpContext, IAgentChannel?> resolve, string? token)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AgentApi).FullName!);
        var expected = token is null ? null : SHA256.HashData(Encoding.UTF8.GetBytes(token));
        app.Use(async (context, next) =>
        {
            if (expected is null || Presents(context.Request, expected))
            {
                await next(context);
                return;
            }

            LogRefused(logger, context.Connection.RemoteIpAddress?.ToString() ?? "?", context.Request.Path.Value ?? "");
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Bearer";
        });
        app.MapPost(routePrefix + LaunchPath, async (HttpContext context) =>
        {
            if (resolve(context) is not { } agent)
            {
                return Results.NotFound();
            }

            if (await ReadAsync<LaunchTasksRequest>(context) is not { } request)
            {
                return Results.BadRequest("the body must be a launch request (JSON)");
            }

            try
            {
                await agent.LaunchAsync(request, context.RequestAborted);
            }
            catch (LaunchRefusedException e)
            {
                return Results.Conflict(e.Message);
            }

            return Results.NoContent();
        });
        app.MapPost(routePrefix + KillPath, async (HttpContext context) =>
        {
            if (resolve(context) is not { } agent)
            {
                return Results.NotFound();
            }

            if (await ReadAsync<KillTaskRequest>(context) is not { } request)
            {
                return Results.BadRequest("the body must be a kill request (JSON)");
            }

            await agent.KillAsync(request, context.RequestAborted);
            return Results.NoContent();
        });
        app.MapGet(routePrefix + TaskLogPath, async (HttpContext context, string taskId, string stream) =>
        {
            if (resolve(context) is not ITaskLogs logs || TaskLogReads.Parse(stream) is not { } which)
            {
                return Results.NotFound();
            }

            var offset = Number(context.Request, "offset", 0, out var offsetProblem);
            var length = Number(context.Request, "length", TaskLogReads.MaxLength, out var lengthProblem);
            if (offsetProblem is not null || lengthProblem is not null)
            {
                return Results.BadRequest(string.Join("; ", new[] { offsetProblem, lengthProblem }.OfType<string>()));
            }

            Stream? file;
            try
            {
                file = await logs.OpenLogAsync(taskId, which, context.RequestAborted);
            }
            catch (ArgumentException)
            {
                return Results.BadRequest($"invalid task id '{taskId}'");
            }

            if (file is null)
            {
                return Results.NotFound($"no sandbox for task '{taskId}'");
            }

            await using (file)
            {
                var size = file.Length;
                var data = new byte[(int)Math.Clamp(size - offset, 0, Math.Min(length, TaskLogReads.MaxLength))];
                file.Position = Math.Min(offset, size);
                await file.ReadExactlyAsync(data, context.RequestAborted);
                context.Response.Headers[TaskLogReads.SizeHeader] = size.ToString(CultureInfo.InvariantCulture);
                return Results.Bytes(data, "application/octet-stream");
            }
        });
    }

    // A query parameter that is a whole number, 0 or more; `fallback` when absent.
    private static long Number(HttpRequest request, string name, long fallback, out string? problem)
    {
        problem = null;
        if ((string?)request.Query[name] is not { } text)
        {
            return fallback;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        problem = $"{name}: '{text}' is not a whole number, 0 or more";
        return 0;
    }

    // Compared as hashes in constant time: the answer's timing tells nothing of the token.
    private static bool Presents(HttpRequest request, byte[] expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        if (!header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(header[scheme.Length..].Trim()));
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(Json.Options, context.RequestAborted);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Request from {Remote} refused ({Path}): no valid agent token")]
    private static partial void LogRefused(ILogger logger, string remote, string path);
}
