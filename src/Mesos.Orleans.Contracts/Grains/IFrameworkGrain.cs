using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Contracts.Agents;
using Mesos.Orleans.Core.Allocation;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Scheduling;
using Mesos.Orleans.Runtime;

namespace Mesos.Orleans.Contracts.Grains;

/// <summary>
/// A framework (key: its id). The built-in <c>apps</c> framework is the Marathon part: it keeps the instances
/// apps want launched, takes offers for them, and routes its tasks' status updates to their apps.
/// </summary>
public interface IFrameworkGrain : IGrainWithStringKey
{
    /// <summary>The framework's id of the built-in apps framework.</summary>
    public const string AppsFrameworkId = "apps";

    /// <summary>The framework as it stands.</summary>
    Task<FrameworkSnapshot> GetAsync();

    /// <summary>Instances an app wants launched (they wait for offers).</summary>
    [OneWay]
    Task RequestLaunchesAsync(IReadOnlyList<AppLaunch> launches);

    /// <summary>Instances an app no longer wants launched.</summary>
    [OneWay]
    Task CancelLaunchesAsync(AppId app, IReadOnlyList<string> instanceIds);

    /// <summary>Offers from the allocator.</summary>
    [OneWay]
    Task ResourceOffersAsync(IReadOnlyList<Offer> offers);

    /// <summary>An update about one of the framework's tasks.</summary>
    [OneWay]
    Task OnTaskStatusAsync(TaskStatusUpdate update);

    /// <summary>
    /// What a known agent, registering again, says of the framework's tasks on it: the framework takes in what is
    /// news (its apps pass what they know already over), through each task's grain.
    /// </summary>
    [OneWay]
    Task OnTasksReportedAsync(string agentId, string hostname, IReadOnlyList<TaskReport> reports);
}

/// <summary>An instance to launch and the spec (at its config generation) it is launched from.</summary>
public sealed record AppLaunch(LaunchRequest Request, AppSpec Spec)
{
    /// <summary>The W3C <c>traceparent</c> of the reconcile pass that asked for the instance: its launch joins that trace.</summary>
    public string? TraceParent { get; init; }
}
