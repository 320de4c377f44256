using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;

namespace Mesos.Orleans.Contracts.Api;

/// <summary>A list of objects, as <c>{"items": […]}</c>.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items);

/// <summary>What an apply did to each object.</summary>
public sealed record ApplyResponse(IReadOnlyList<ApplyItemResult> Items);

/// <summary>What an apply did to one object: <c>created</c>, <c>configured</c> or <c>unchanged</c>.</summary>
public sealed record ApplyItemResult(string Kind, string Name, string Result, long Generation, string? DeploymentId);

/// <summary>The result of a delete.</summary>
public sealed record DeleteResponse(string Kind, string Name, string Result);

/// <summary>A request to change an app's number of instances.</summary>
public sealed record ScaleRequest(int Instances);

/// <summary>
/// An error in Marathon's shape: a message, and for invalid input every problem with its field path.
/// </summary>
public sealed record ApiError(string Message, IReadOnlyList<ApiErrorDetail>? Details = null);

/// <summary>The problems with one field.</summary>
public sealed record ApiErrorDetail(string Path, IReadOnlyList<string> Errors);

/// <summary>An agent with its resources as the allocator books them.</summary>
public sealed record AgentResource
{
    /// <summary>The agent as registered.</summary>
    public required AgentSnapshot Agent { get; init; }

    /// <summary>What its tasks use.</summary>
    public required ResourceSet Used { get; init; }

    /// <summary>What is out in offers.</summary>
    public required ResourceSet Offered { get; init; }
}
