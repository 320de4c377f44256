using System.Globalization;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Master.Api.Marathon;
using Mesos.Orleans.Master.Hosting;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>
/// Builds Mesos' operator objects from the read model and the allocator's books. Agents' used and offered resources
/// are the allocator's; a task's resources are its app's spec at its current config (an instance of an older config
/// during a rolling upgrade is shown with the new one's).
/// </summary>
internal sealed class MesosStateBuilder(ControlPlane plane, AllocatorSnapshot books, HttpRequest request)
{
    private const string ActiveStatus = "ACTIVE", UnreachableStatus = "UNREACHABLE", GoneStatus = "GONE";

    private static readonly string[] CountedStates =
    [
        "TASK_STAGING", "TASK_STARTING", "TASK_RUNNING", "TASK_KILLING", "TASK_FINISHED", "TASK_KILLED", "TASK_FAILED",
        "TASK_LOST", "TASK_ERROR", "TASK_UNREACHABLE",
    ];

    private readonly List<InstanceSnapshot> _tasks = plane.View.Instances.Where(i => i.State != InstanceSnapshot.ScheduledState && i.AgentId is not null).ToList();

    // Each agent's tasks, grouped once: looking them up per agent made /master/state quadratic (22 s at 10,000 agents
    // and 100,000 tasks).
    private ILookup<string, InstanceSnapshot>? _tasksByAgent;

    private ILookup<string, InstanceSnapshot> TasksByAgent => _tasksByAgent ??= _tasks.ToLookup(t => t.AgentId!, StringComparer.Ordinal);

    /// <summary>This master's <c>host:port</c>, as the client reached it.</summary>
    public string Address { get; } = MarathonInfoApi.Leader(request);

    /// <summary><c>master@host:port</c>.</summary>
    public string Pid => "master@" + Address;

    /// <summary>The machine's host name.</summary>
    public static string Hostname { get; } = System.Net.Dns.GetHostName();

    /// <summary>The whole state.</summary>
    public MesosState State()
    {
        var agents = plane.View.Agents.ToList();
        var started = Seconds(plane.StartedAt);
        return new MesosState
        {
            Version = MarathonInfoApi.Version,
            GitSha = MarathonInfoApi.BuildRef == "unknown" ? null : MarathonInfoApi.BuildRef,
            StartTime = started,
            ElectedTime = started,
            Id = plane.Id,
            Pid = Pid,
            Hostname = Hostname,
            ActivatedSlaves = agents.Count(a => a.Status == ActiveStatus),
            DeactivatedSlaves = agents.Count(a => a.Status is not (ActiveStatus or UnreachableStatus or GoneStatus)),
            UnreachableSlaves = agents.Count(a => a.Status == UnreachableStatus),
            Leader = Pid,
            LeaderInfo = new MesosMasterInfo(plane.Id, Pid, request.Host.Port ?? 0, Hostname, MarathonInfoApi.Version, new MesosAddress(request.Host.Host, request.Host.Port ?? 0)),
            Flags = Flags(),
            Slaves = Agents(summary: false),
            Frameworks = Frameworks(summary: false),
        };
    }

    /// <summary>The state's summary: agents and frameworks with task counts, no tasks.</summary>
    public MesosStateSummary Summary() => new(Hostname, Agents(summary: true), Frameworks(summary: true));

    /// <summary>The registered agents (Mesos lists unreachable and removed ones elsewhere).</summary>
    public List<MesosAgent> Agents(bool summary) => plane.View.Agents
        .Where(a => a.Status is not (UnreachableStatus or GoneStatus))
        .Select(a => Agent(a, summary))
        .ToList();

    /// <summary>The frameworks, with their tasks (or, for the summary, their task counts).</summary>
    public List<MesosFramework> Frameworks(bool summary) => plane.View.Frameworks.Select(f => Framework(f, summary)).ToList();

    private MesosAgent Agent(AgentSnapshot agent, bool summary)
    {
        var view = books.Agents.GetValueOrDefault(agent.AgentId);
        List<InstanceSnapshot> tasks = summary ? [.. TasksByAgent[agent.AgentId]] : []; // only a summary counts them
        return new MesosAgent
        {
            Id = agent.AgentId,
            Hostname = agent.Hostname,
            Pid = agent.Endpoint,
            Attributes = agent.Attributes,
            RegisteredTime = Seconds(agent.RegisteredAt),
            ReregisteredTime = agent.ReregisteredAt is { } again ? Seconds(again) : null,
            Resources = MesosResources.From(agent.Resources),
            UsedResources = MesosResources.From(view?.Used ?? ResourceSet.Empty),
            OfferedResources = MesosResources.From(view?.Offered ?? ResourceSet.Empty),
            UnreservedResources = MesosResources.From(agent.Resources),
            Active = agent.Status == ActiveStatus && (view?.Active ?? true),
            Version = MarathonInfoApi.Version,
            FrameworkIds = summary ? (tasks.Count > 0 ? [IFrameworkGrain.AppsFrameworkId] : []) : null,
            TaskCounts = summary ? Counts(tasks) : null,
        };
    }

    private MesosFramework Framework(FrameworkSnapshot framework, bool summary)
    {
        // The allocator books resources by agent, not by framework; with one framework (the built-in apps framework,
        // the only one there is) all of them are its. With several, the split is unknown and shown as nothing.
        var only = plane.View.Frameworks.Count() == 1;
        var used = only ? books.Totals.Used : ResourceSet.Empty;
        var offered = only ? books.Totals.Offered : ResourceSet.Empty;
        var tasks = framework.FrameworkId == IFrameworkGrain.AppsFrameworkId ? _tasks : [];
        var mesos = new MesosFramework
        {
            Id = framework.FrameworkId,
            Name = framework.Name,
            UsedResources = MesosResources.From(used),
            OfferedResources = MesosResources.From(offered),
            Hostname = Hostname,
            Active = framework.Active,
            Connected = framework.Active,
        };
        if (summary)
        {
            return mesos with
            {
                SlaveIds = tasks.Select(t => t.AgentId!).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                TaskCounts = Counts(tasks),
            };
        }

        var all = tasks.Select(Task).ToList();
        return mesos with
        {
            User = Environment.UserName,
            FailoverTimeout = 0,
            Checkpoint = true,
            Role = framework.Role,
            RegisteredTime = Seconds(framework.RegisteredAt),
            UnregisteredTime = 0,
            Resources = MesosResources.From(used + offered),
            Tasks = all.Where(t => !IsEnded(t.State) && t.State != TaskState.Unreachable.WireName()).ToList(),
            UnreachableTasks = all.Where(t => t.State == TaskState.Unreachable.WireName()).ToList(),
            CompletedTasks = all.Where(t => IsEnded(t.State)).ToList(),
            Offers = [],
            Executors = [],
        };
    }

    private MesosTask Task(InstanceSnapshot instance)
    {
        var spec = plane.View.App(instance.App)?.Definition.Spec;
        var statuses = new List<MesosTaskStatus>();
        if (instance.StagedAt is { } staged)
        {
            statuses.Add(new MesosTaskStatus(TaskState.Staging.WireName(), Seconds(staged)));
        }

        if (instance.StartedAt is { } started)
        {
            statuses.Add(new MesosTaskStatus(TaskState.Running.WireName(), Seconds(started), instance.Healthy));
        }

        return new MesosTask
        {
            Id = instance.TaskId,
            Name = instance.App.Name,
            FrameworkId = IFrameworkGrain.AppsFrameworkId,
            SlaveId = instance.AgentId!,
            State = instance.State,
            Resources = MesosResources.From((spec?.ScalarResources ?? ResourceSet.Empty).WithPorts(RangeSet.OfValues(instance.Ports))),
            Statuses = statuses,
        };
    }

    private Dictionary<string, string> Flags() => new(StringComparer.Ordinal)
    {
        ["allocation_interval"] = Duration(plane.Options.AllocationInterval),
        ["offer_timeout"] = Duration(plane.Options.OfferTimeout),
        ["agent_ping_timeout"] = Duration(plane.Options.HeartbeatInterval),
        ["hostname"] = Hostname,
        ["port"] = (request.Host.Port ?? 0).ToString(CultureInfo.InvariantCulture),
    };

    // Mesos' summaries count every state it tracks, zeros included.
    private static Dictionary<string, object> Counts(IEnumerable<InstanceSnapshot> tasks)
    {
        var counts = CountedStates.ToDictionary(s => s, _ => (object)0, StringComparer.Ordinal);
        foreach (var group in tasks.GroupBy(t => t.State))
        {
            if (counts.ContainsKey(group.Key))
            {
                counts[group.Key] = group.Count();
            }
        }

        return counts;
    }

    private static bool IsEnded(string state) => TaskStates.TryParse(state, out var parsed) && parsed.IsTerminal();

    /// <summary>Mesos' time: seconds since the epoch.</summary>
    public static double Seconds(DateTimeOffset at) => at.ToUnixTimeMilliseconds() / 1000.0;

    private static string Duration(TimeSpan span) => span.TotalSeconds.ToString(CultureInfo.InvariantCulture) + "secs";
}
