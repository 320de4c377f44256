namespace Mesos.Orleans.Master.Api.Marathon;

/// <summary>
/// An app in the launch queue (Marathon's <c>QueueApp</c>). Marathon's <c>processedOffersSummary</c> and
/// <c>lastUnusedOffers</c> are not given: the apps framework does not keep offer statistics per app.
/// </summary>
internal sealed record MarathonQueueItem
{
    /// <summary>The app's definition, version and versionInfo.</summary>
    public required MarathonApp App { get; init; }

    /// <summary>Instances left to launch: those waiting for an offer and those the backoff holds back.</summary>
    public required int Count { get; init; }

    /// <summary>The role the instances are launched in.</summary>
    public string Role { get; init; } = "*";

    /// <summary>The backoff, if one holds launches.</summary>
    public required MarathonQueueDelay Delay { get; init; }

    /// <summary>Since when instances wait: the oldest waiting instance's creation, or the failure that began the backoff.</summary>
    public required DateTimeOffset Since { get; init; }
}
