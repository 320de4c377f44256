using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Contracts.Views;
using Mesos.Orleans.Core.Resources;
using Mesos.Orleans.Core.Tasks;
using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Telemetry.Metrics;
using Measured = Mesos.Orleans.Telemetry.Metrics.MesosMetrics;

namespace Mesos.Orleans.Master.Api.Operator;

/// <summary>
/// <c>/metrics/snapshot</c>: the Mesos master metrics that the read model and the allocator's books can tell
/// truthfully — gauges of agents, frameworks, offers, tasks by state and resources, and counters of tasks ended
/// since this master started — plus what the process measured (the same numbers as <c>/metrics</c>): under Mesos'
/// names where Mesos has one, else under <c>mesos_orleans/</c>. Timers are means since the start, in ms.
/// </summary>
internal static class MesosMetrics
{
    private static readonly TaskState[] Live = [TaskState.Staging, TaskState.Starting, TaskState.Running, TaskState.Killing, TaskState.Unreachable];

    private static readonly TaskState[] Ended =
    [
        TaskState.Finished, TaskState.Failed, TaskState.Killed, TaskState.Lost, TaskState.Error, TaskState.Dropped,
        TaskState.Gone, TaskState.GoneByOperator,
    ];

    public static SortedDictionary<string, double> Snapshot(ControlPlane plane, AllocatorSnapshot books, PrometheusCollector measured)
    {
        var view = plane.View;
        var agents = view.Agents.ToList();
        var frameworks = view.Frameworks.ToList();
        var states = view.Instances.GroupBy(i => i.State).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var metrics = new SortedDictionary<string, double>(StringComparer.Ordinal)
        {
            ["master/elected"] = 1,
            ["master/uptime_secs"] = Math.Round((plane.Time.GetUtcNow() - plane.StartedAt).TotalSeconds, 3),
            ["master/slaves_active"] = agents.Count(a => a.Status == "ACTIVE"),
            ["master/slaves_inactive"] = agents.Count(a => a.Status is not ("ACTIVE" or "UNREACHABLE" or "GONE")),
            ["master/slaves_connected"] = agents.Count(a => a.Status == "ACTIVE"),
            ["master/slaves_disconnected"] = agents.Count(a => a.Status == "UNREACHABLE"),
            ["master/slaves_unreachable"] = agents.Count(a => a.Status == "UNREACHABLE"),
            ["master/frameworks_active"] = frameworks.Count(f => f.Active),
            ["master/frameworks_inactive"] = frameworks.Count(f => !f.Active),
            ["master/frameworks_connected"] = frameworks.Count(f => f.Active),
            ["master/frameworks_disconnected"] = frameworks.Count(f => !f.Active),
            ["master/outstanding_offers"] = books.OutstandingOffers,
            ["master/tasks_pending"] = states.GetValueOrDefault(InstanceSnapshot.ScheduledState),
        };
        foreach (var state in Live)
        {
            metrics[Name(state)] = states.GetValueOrDefault(state.WireName());
        }

        foreach (var state in Ended)
        {
            metrics[Name(state)] = view.EndedTasks.GetValueOrDefault(state.WireName());
        }

        AddMeasured(metrics, measured);
        var totals = books.Totals;
        AddResource(metrics, ResourceSet.CpusName, totals.Total.Cpus, totals.Used.Cpus);
        AddResource(metrics, ResourceSet.MemName, totals.Total.Mem, totals.Used.Mem);
        AddResource(metrics, ResourceSet.DiskName, totals.Total.Disk, totals.Used.Disk);
        AddResource(metrics, ResourceSet.GpusName, totals.Total.Gpus, totals.Used.Gpus);
        return metrics;
    }

    private static void AddMeasured(SortedDictionary<string, double> metrics, PrometheusCollector measured)
    {
        var runs = measured.Total(Measured.AllocationCycleDuration.Name);
        metrics["allocator/mesos/allocation_runs"] = runs;
        metrics["allocator/mesos/allocation_run_ms"] = runs > 0 ? Math.Round(measured.HistogramSum(Measured.AllocationCycleDuration.Name) * 1000 / runs, 3) : 0;
        metrics["master/messages_decline_offers"] = measured.Total(Measured.OffersDeclined.Name);
        metrics["master/messages_status_update"] = measured.Total(Measured.StatusUpdates.Name);
        metrics["mesos_orleans/task_launches"] = measured.Total(Measured.TaskLaunches.Name);
        metrics["mesos_orleans/task_failures"] = measured.Total(Measured.TaskFailures.Name);
        metrics["mesos_orleans/app_restarts"] = measured.Total(Measured.AppRestarts.Name);
        metrics["mesos_orleans/offers_made"] = measured.Total(Measured.OffersMade.Name);
        metrics["mesos_orleans/offers_accepted"] = measured.Total(Measured.OffersAccepted.Name);
        metrics["mesos_orleans/offers_declined"] = measured.Total(Measured.OffersDeclined.Name);
        metrics["mesos_orleans/offers_rescinded"] = measured.Total(Measured.OffersRescinded.Name);
        metrics["mesos_orleans/health_check_results"] = measured.Total(Measured.HealthCheckResults.Name);
        var passes = measured.Total(Measured.ReconcileDuration.Name);
        metrics["mesos_orleans/reconcile_runs"] = passes;
        metrics["mesos_orleans/reconcile_ms"] = passes > 0 ? Math.Round(measured.HistogramSum(Measured.ReconcileDuration.Name) * 1000 / passes, 3) : 0;
    }

    private static string Name(TaskState state) => "master/tasks_" + state.ShortName().ToLowerInvariant();

    private static void AddResource(SortedDictionary<string, double> metrics, string name, double total, double used)
    {
        metrics[$"master/{name}_total"] = total;
        metrics[$"master/{name}_used"] = used;
        metrics[$"master/{name}_percent"] = total > 0 ? used / total : 0;
    }
}
