namespace Mesos.Orleans.Telemetry.Tracing;

/// <summary>Span attribute names: OpenTelemetry's semantic conventions, and ours under <c>mesos_orleans.</c>.</summary>
public static class TraceAttributes
{
    public const string AppId = "mesos_orleans.app.id";
    public const string TaskId = "mesos_orleans.task.id";
    public const string InstanceId = "mesos_orleans.instance.id";
    public const string AgentId = "mesos_orleans.agent.id";
    public const string OfferId = "mesos_orleans.offer.id";
    public const string FrameworkId = "mesos_orleans.framework.id";
    public const string DeploymentId = "mesos_orleans.deployment.id";
    public const string DeploymentKind = "mesos_orleans.deployment.kind";
    public const string Generation = "mesos_orleans.generation";
    public const string TaskState = "mesos_orleans.task.state";
    public const string TaskHealthy = "mesos_orleans.task.healthy";
    public const string CheckResult = "mesos_orleans.check.result";
    public const string Launches = "mesos_orleans.reconcile.launches";
    public const string Kills = "mesos_orleans.reconcile.kills";
    public const string Offers = "mesos_orleans.allocator.offers";

    public const string HttpRequestMethod = "http.request.method";
    public const string HttpRoute = "http.route";
    public const string HttpResponseStatusCode = "http.response.status_code";
    public const string UrlPath = "url.path";
    public const string ServerAddress = "server.address";
    public const string ContainerId = "container.id";
    public const string ContainerName = "container.name";
    public const string ContainerRuntime = "container.runtime";
    public const string ContainerImageName = "container.image.name";
    public const string ProcessPid = "process.pid";
    public const string ProcessExecutableName = "process.executable.name";
    public const string ProcessExitCode = "process.exit.code";
    public const string DbSystem = "db.system.name";
    public const string DbOperationBatchSize = "db.operation.batch.size";
    public const string ErrorType = "error.type";
}
