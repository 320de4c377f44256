using System.Text.Json;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Serialization;
using Mesos.Orleans.Master.Api;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Agents;

/// <summary>
/// The master's end of the agent channel over HTTP: registration, pings and status updates, in the messages of
/// <see cref="IMasterChannel"/> as JSON. Callers present an agent token (checked by the bearer authentication
/// before these run).
/// </summary>
public static class AgentChannelApi
{
    /// <summary>Every route of the agent channel starts with this.</summary>
    public const string Prefix = "/api/v1/agents";

    /// <summary>Maps the routes onto the control plane's gateway.</summary>
    public static void Map(IEndpointRouteBuilder app, ControlPlane plane)
    {
        var gateway = plane.Gateway;
        app.MapPost($"{Prefix}/register", async (HttpContext context) =>
        {
            var request = await ReadAsync<RegisterAgentRequest>(context);
            if (request is null)
            {
                return ApiResults.BadRequest("the body must be a registration (JSON)");
            }

            if (request.AgentId is { } id && !ResourceIds.IsWellFormed(id))
            {
                return ResourceIds.Malformed("agent");
            }

            if (!Uri.TryCreate(request.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
            {
                return ApiResults.BadRequest($"endpoint: '{request.Endpoint}' must be the agent's http(s) URL, where the master reaches it");
            }

            return ApiResults.Ok(await gateway.RegisterAsync(request, context.RequestAborted));
        });
        app.MapPost($"{Prefix}/{{agentId}}/heartbeat", async (string agentId, HttpContext context) =>
            ResourceIds.IsWellFormed(agentId)
                ? ApiResults.Ok(await gateway.HeartbeatAsync(new HeartbeatRequest(agentId), context.RequestAborted))
                : ResourceIds.Malformed("agent"));
        app.MapPost($"{Prefix}/{{agentId}}/status", async (string agentId, HttpContext context) =>
        {
            if (!ResourceIds.IsWellFormed(agentId))
            {
                return ResourceIds.Malformed("agent");
            }

            var batch = await ReadAsync<StatusUpdateBatch>(context);
            if (batch is null || batch.AgentId != agentId)
            {
                return ApiResults.BadRequest($"the body must be a batch of status updates of agent {agentId} (JSON)");
            }

            return ApiResults.Ok(await gateway.SendStatusUpdatesAsync(batch, context.RequestAborted));
        });
    }

    private static async Task<T?> ReadAsync<T>(HttpContext context) where T : class
    {
        try
        {
            return await context.Request.ReadFromJsonAsync<T>(Json.Options, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null; // not JSON
        }
    }
}
