namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>An app's launch delay in the queue (Marathon's <c>QueueDelay</c>).</summary>
/// <param name="TimeLeftSeconds">Whole seconds until the backoff ends; 0 when none holds launches.</param>
/// <param name="Overdue">True when launches wait only for offers, false while the backoff holds them.</param>
internal sealed record MarathonQueueDelay(long TimeLeftSeconds, bool Overdue);
