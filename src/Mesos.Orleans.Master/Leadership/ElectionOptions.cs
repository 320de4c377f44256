namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// How masters compete for the leader lease. The leader renews every <see cref="RenewInterval"/> and steps down when
/// it has not renewed for <see cref="Ttl"/> minus <see cref="SafetyMargin"/> (on its own monotonic clock, counted
/// from when the last successful renewal was sent), so it is gone before the store lets anyone else take the lease.
/// </summary>
public sealed record ElectionOptions
{
    /// <summary>The lease's name in the store: one per master group.</summary>
    public string LeaseName { get; init; } = "master-leader";

    /// <summary>How long a lease lasts after each renewal, on the store's clock. A dead leader is replaced after at most this long.</summary>
    public TimeSpan Ttl { get; init; } = TimeSpan.FromSeconds(8);

    /// <summary>How often the leader renews: well before expiry, so a few failed renewals in a row are survived.</summary>
    public TimeSpan RenewInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How soon a failed renewal is tried again (never later than the step-down time).</summary>
    public TimeSpan RetryInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Time kept in hand at the end of a lease: for clock-rate drift between this host and the database server, and
    /// for stopping. The leader stops leading at <see cref="Ttl"/> − this after its last renewal was sent.
    /// </summary>
    public TimeSpan SafetyMargin { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How often a standby looks at the lease (to learn the leader, or take over when it expires).</summary>
    public TimeSpan StandbyPollInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Settings scaled to a lease of <paramref name="ttl"/>: renew every quarter of it, keep a quarter as the margin
    /// (so a leader survives two failed renewals in a row and steps down a quarter before expiry), retry after a
    /// sixteenth (at most 0.5 s) and poll as a standby every eighth (at most 1 s). <c>ForTtl(8 s)</c> is the default.
    /// </summary>
    public static ElectionOptions ForTtl(TimeSpan ttl)
    {
        var retry = ttl / 16;
        var poll = ttl / 8;
        return new ElectionOptions
        {
            Ttl = ttl,
            RenewInterval = ttl / 4,
            SafetyMargin = ttl / 4,
            RetryInterval = retry < TimeSpan.FromMilliseconds(500) ? retry : TimeSpan.FromMilliseconds(500),
            StandbyPollInterval = poll < TimeSpan.FromSeconds(1) ? poll : TimeSpan.FromSeconds(1),
        };
    }

    /// <summary>The problems with these settings, each naming its field; empty when they are usable.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(LeaseName))
        {
            problems.Add("leaseName: must not be empty");
        }

        Positive(problems, "ttl", Ttl);
        Positive(problems, "renewInterval", RenewInterval);
        Positive(problems, "retryInterval", RetryInterval);
        Positive(problems, "safetyMargin", SafetyMargin);
        Positive(problems, "standbyPollInterval", StandbyPollInterval);
        if (SafetyMargin > TimeSpan.Zero && Ttl > TimeSpan.Zero && RenewInterval > TimeSpan.Zero && RenewInterval >= Ttl - SafetyMargin)
        {
            problems.Add($"renewInterval: {RenewInterval.TotalSeconds:0.###} s must be shorter than ttl − safetyMargin ({(Ttl - SafetyMargin).TotalSeconds:0.###} s), or a leader steps down before it renews");
        }

        return problems;
    }

    /// <summary>Throws <see cref="ArgumentException"/> listing every problem, if any.</summary>
    public void Validate()
    {
        var problems = Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid election settings: " + string.Join("; ", problems));
        }
    }

    private static void Positive(List<string> problems, string field, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"{field}: must be positive (is {value.TotalSeconds:0.###} s)");
        }
    }
}
