using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Mesos.Orleans.Master.Api;

/// <summary>Tasks, agents and frameworks of the declarative API, and the liveness endpoints.</summary>
internal static class ClusterApi
{
    public static void Map(IEndpointRouteBuilder api, ControlPlane plane)
    {
        api.MapGet("/ping", () => "pong");
        api.MapGet("/health", () => "ok");
        api.MapGet("/apis/v1/tasks", (string? app, string? state) =>
        {
            IEnumerable<InstanceSnapshot> tasks = plane.View.Instances;
            if (app is not null)
            {
                if (!AppId.TryParse(app, out var id, out var error))
                {
                    return ApiResults.BadRequest($"invalid app: {error}");
                }

                tasks = plane.View.InstancesOf(id);
            }

            if (state is not null)
            {
                tasks = tasks.Where(t => t.State.Equals(state, StringComparison.OrdinalIgnoreCase)
                    || t.State.Equals("TASK_" + state, StringComparison.OrdinalIgnoreCase));
            }

            return ApiResults.Ok(new ItemList<InstanceSnapshot>(tasks.OrderBy(t => t.App.Path, StringComparer.Ordinal).ThenBy(t => t.CreatedAt).ToList()));
        });
        api.MapGet("/apis/v1/tasks/{id}", (string id) =>
            !ResourceIds.IsWellFormed(id) ? ResourceIds.Malformed("task")
            : plane.View.Instances.FirstOrDefault(t => t.TaskId == id || t.InstanceId == id) is { } task
                ? ApiResults.Ok(task)
                : ApiResults.NotFound($"Task '{id}' does not exist"));
        api.MapGet("/apis/v1/agents", async () =>
        {
            var books = await plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).GetSnapshotAsync();
            return ApiResults.Ok(new ItemList<AgentResource>(plane.View.Agents.Select(a => WithResources(a, books)).ToList()));
        });
        api.MapGet("/apis/v1/agents/{id}", async (string id) =>
        {
            if (!ResourceIds.IsWellFormed(id))
            {
                return ResourceIds.Malformed("agent");
            }

            if (plane.View.Agent(id) is not { } agent)
            {
                return ApiResults.NotFound($"Agent '{id}' does not exist");
            }

            var books = await plane.Runtime.GetGrain<IAllocatorGrain>(IAllocatorGrain.Key).GetSnapshotAsync();
            return ApiResults.Ok(WithResources(agent, books));
        });
        api.MapGet("/apis/v1/frameworks", () => ApiResults.Ok(new ItemList<FrameworkSnapshot>(plane.View.Frameworks.ToList())));
        api.MapGet("/apis/v1/frameworks/{id}", (string id) =>
            !ResourceIds.IsWellFormed(id) ? ResourceIds.Malformed("framework")
            : plane.View.Framework(id) is { } framework ? ApiResults.Ok(framework) : ApiResults.NotFound($"Framework '{id}' does not exist"));
    }

    private static AgentResource WithResources(AgentSnapshot agent, AllocatorSnapshot books) =>
        books.Agents.TryGetValue(agent.AgentId, out var view)
            ? new AgentResource { Agent = agent, Used = view.Used, Offered = view.Offered }
            : new AgentResource { Agent = agent, Used = ResourceSet.Empty, Offered = ResourceSet.Empty };
}
