using System.Diagnostics.Metrics;

namespace Mesos.Orleans.Telemetry.Metrics;

/// <summary>
/// The system's Meter and the instruments the parts record into. A measurement nobody listens to costs a check
/// of the instrument's <c>Enabled</c> flag. Gauges of state (apps, tasks by state, agents, resources) are
/// observed from the master's read model by <c>MasterGauges</c>.
/// </summary>
public static class MesosMetrics
{
    /// <summary>The Meter's name (also the prefix of the ActivitySources').</summary>
    public const string MeterName = "MesosOrleans";

    /// <summary>The Meter every instrument belongs to.</summary>
    public static readonly Meter Meter = new(MeterName);

    public static readonly Counter<long> TaskLaunches =
        Meter.CreateCounter<long>("mesos_orleans.task.launches", "{task}", "Tasks sent to agents to launch.");

    public static readonly Counter<long> TaskFailures =
        Meter.CreateCounter<long>("mesos_orleans.task.failures", "{task}", "Tasks of apps that ended without being asked to.");

    public static readonly Counter<long> AppRestarts =
        Meter.CreateCounter<long>("mesos_orleans.app.restarts", "{instance}", "Instances launched to replace failed ones.");

    public static readonly Counter<long> StatusUpdates =
        Meter.CreateCounter<long>("mesos_orleans.task.status_updates", "{update}", "Status updates applied by task grains, by state.");

    public static readonly Counter<long> OffersMade =
        Meter.CreateCounter<long>("mesos_orleans.offers.made", "{offer}", "Offers sent to frameworks.");

    public static readonly Counter<long> OffersAccepted =
        Meter.CreateCounter<long>("mesos_orleans.offers.accepted", "{offer}", "Offers accepted.");

    public static readonly Counter<long> OffersDeclined =
        Meter.CreateCounter<long>("mesos_orleans.offers.declined", "{offer}", "Offers declined.");

    public static readonly Counter<long> OffersRescinded =
        Meter.CreateCounter<long>("mesos_orleans.offers.rescinded", "{offer}", "Offers rescinded because nobody answered them.");

    public static readonly Histogram<double> AllocationCycleDuration =
        Meter.CreateHistogram<double>("mesos_orleans.allocation.cycle.duration", "s", "How long an allocation cycle took.");

    public static readonly Histogram<double> ReconcileDuration =
        Meter.CreateHistogram<double>("mesos_orleans.reconcile.duration", "s", "How long an app's reconcile pass took, its write included.");

    public static readonly UpDownCounter<long> ReconcileQueue =
        Meter.CreateUpDownCounter<long>("mesos_orleans.reconcile.queue", "{app}", "Apps whose reconcile pass is requested and has not run yet.");

    public static readonly Counter<long> HealthCheckResults =
        Meter.CreateCounter<long>("mesos_orleans.health_check.results", "{result}", "Changes of a task's health seen by its checks, by result.");

    public static readonly Histogram<double> ApiRequestDuration =
        Meter.CreateHistogram<double>("http.server.request.duration", "s", "How long the API took to answer a request.");
}
