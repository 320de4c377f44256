using Mesos.Orleans.Storage.Leases;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// One master's part in the election over an <see cref="ILeaseStore"/>: renews the lease while it leads, watches it
/// while it stands by (learning who leads, taking over when the lease runs out), and says so through events. The
/// rules are <see cref="LeaseSchedule"/>'s; this class only asks the store and keeps the clock.
/// </summary>
/// <remarks>
/// Events are raised on the election's loop, one at a time and in order; handlers must return quickly (start work,
/// do not await it). A leader that cannot renew within ttl − margin raises <see cref="Deposed"/> without waiting for
/// the store: a paused or partitioned leader learns it from its own clock.
/// </remarks>
public sealed partial class LeaderElection : ILeadership
{
    private readonly ILeaseStore _leases;
    private readonly ElectionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _origin;
    private readonly LeaseSchedule _schedule;
    private readonly Func<string, bool> _holderHasEnded;
    private volatile LeaderInfo? _leader;
    private volatile bool _isLeader;
    private TimeSpan _leaderSeenAt;
    private bool _failing;

    /// <summary>Creates the election for a master reached at <paramref name="advertisedUrl"/>.</summary>
    /// <param name="holderHasEnded">
    /// True when a holder is known to have died (<see cref="MasterRun.HasEnded"/>): its lease is taken over at once
    /// rather than after it expires. By default none is.
    /// </param>
    public LeaderElection(
        ILeaseStore leases, string holderId, Uri advertisedUrl, ElectionOptions options, TimeProvider time, ILogger logger,
        Func<string, bool>? holderHasEnded = null)
    {
        ArgumentNullException.ThrowIfNull(leases);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        ArgumentNullException.ThrowIfNull(advertisedUrl);
        if (!advertisedUrl.IsAbsoluteUri)
        {
            throw new ArgumentException($"The advertised address must be an absolute URL (is '{advertisedUrl}').", nameof(advertisedUrl));
        }

        _leases = leases;
        HolderId = holderId;
        AdvertisedUrl = advertisedUrl;
        _options = options;
        _time = time;
        _logger = logger;
        _origin = time.GetTimestamp();
        _schedule = new LeaseSchedule(options, Now());
        _holderHasEnded = holderHasEnded ?? (_ => false);
    }

    /// <summary>The lease competed for.</summary>
    public string LeaseName => _options.LeaseName;

    /// <summary>This master's id in the lease.</summary>
    public string HolderId { get; }

    /// <summary>Where this master serves the API; the address standbys redirect to while it leads.</summary>
    public Uri AdvertisedUrl { get; }

    /// <inheritdoc />
    public bool IsLeader => _isLeader;

    /// <inheritdoc />
    public LeaderInfo? Leader => _leader;

    /// <summary>This master became leader; the argument is its term.</summary>
    public event Action<LeaderInfo>? Elected;

    /// <summary>This master stopped leading (lease taken, or not renewed in time); the argument says why.</summary>
    public event Action<string>? Deposed;

    /// <summary>The known leader changed (null: none known).</summary>
    public event Action<LeaderInfo?>? LeaderChanged;

    /// <summary>Competes until <paramref name="stopping"/>; call once.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var now = Now();
            if (_schedule.Tick(now) == LeaseTransition.Lost)
            {
                Lose($"the lease was not renewed within {(_options.Ttl - _options.SafetyMargin).TotalSeconds:0.###} s");
            }

            try
            {
                if (now < _schedule.WakeAt)
                {
                    await Task.Delay(_schedule.WakeAt - now, _time, stopping).ConfigureAwait(false);
                    continue;
                }

                await AttemptAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Gives the lease up (after the control plane stopped) so a standby takes over at once instead of after expiry.
    /// Stop <see cref="RunAsync"/> first.
    /// </summary>
    public async Task ResignAsync(CancellationToken cancellationToken)
    {
        if (!_isLeader)
        {
            return;
        }

        _isLeader = false;
        SetLeader(null);
        await _leases.ReleaseAsync(_options.LeaseName, HolderId, cancellationToken).ConfigureAwait(false);
        Log.Resigned(_logger, _options.LeaseName);
    }

    private async Task AttemptAsync(CancellationToken stopping)
    {
        var sentAt = Now();
        var patience = _schedule.AttemptDeadline(sentAt) - sentAt;
        Lease? lease;
        try
        {
            using var deadline = new CancellationTokenSource(patience, _time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(stopping, deadline.Token);
            // WaitAsync as well: an answer past the deadline is useless even if the store ignores cancellation.
            lease = await AskAsync(linked.Token).WaitAsync(patience, _time, stopping).ConfigureAwait(false);
        }
        catch (Exception e) when (!stopping.IsCancellationRequested)
        {
            if (!_failing)
            {
                Log.AttemptFailed(_logger, _options.LeaseName, e);
                _failing = true;
            }

            var failedAt = Now();
            if (_schedule.Failed(failedAt) == LeaseTransition.Lost)
            {
                Lose($"the lease could not be renewed within {(_options.Ttl - _options.SafetyMargin).TotalSeconds:0.###} s ({e.GetType().Name}: {e.Message})");
            }
            else if (!_isLeader && failedAt - _leaderSeenAt > _options.Ttl)
            {
                SetLeader(null); // what we knew of the leader is older than a lease
            }

            return;
        }

        if (_failing)
        {
            Log.Recovered(_logger, _options.LeaseName);
            _failing = false;
        }

        var answeredAt = Now();
        if (lease is not null && lease.Holder == HolderId)
        {
            var transition = _schedule.Acquired(sentAt, answeredAt);
            if (transition == LeaseTransition.Gained)
            {
                var term = new LeaderInfo(HolderId, AdvertisedUrl, lease.Epoch);
                _isLeader = true;
                _leaderSeenAt = answeredAt;
                SetLeader(term);
                Log.Elected(_logger, _options.LeaseName, lease.Epoch, AdvertisedUrl);
                Elected?.Invoke(term);
            }
            else if (transition == LeaseTransition.Lost)
            {
                Lose("the store's answer to a renewal came after the lease's safe term");
            }

            return;
        }

        if (_schedule.HeldByAnother(answeredAt) == LeaseTransition.Lost)
        {
            Lose($"master {lease?.Holder} took the lease");
        }

        _leaderSeenAt = answeredAt;
        SetLeader(lease is null ? null : ToLeader(lease));
    }

    // A leader renews; a standby reads, and tries to acquire only when nobody holds the lease (or it still names us,
    // or its holder has died: nobody will renew it, so it is released for the dead rather than waited out — the dead
    // run's writes are fenced off by the new epoch either way).
    private async Task<Lease?> AskAsync(CancellationToken cancellationToken)
    {
        if (!_isLeader)
        {
            var current = await _leases.ReadAsync(_options.LeaseName, cancellationToken).ConfigureAwait(false);
            if (current is not null && current.Holder != HolderId)
            {
                if (!_holderHasEnded(current.Holder))
                {
                    return current;
                }

                if (await _leases.ReleaseAsync(_options.LeaseName, current.Holder, cancellationToken).ConfigureAwait(false))
                {
                    Log.HolderEnded(_logger, current.Holder);
                }
            }
        }

        return await _leases.TryAcquireAsync(_options.LeaseName, HolderId, AdvertisedUrl.ToString(), _options.Ttl, cancellationToken).ConfigureAwait(false)
            ?? await _leases.ReadAsync(_options.LeaseName, cancellationToken).ConfigureAwait(false);
    }

    private void Lose(string reason)
    {
        _isLeader = false;
        SetLeader(null);
        Log.Deposed(_logger, _options.LeaseName, reason);
        Deposed?.Invoke(reason);
    }

    private void SetLeader(LeaderInfo? leader)
    {
        var previous = _leader;
        if (previous == leader)
        {
            return;
        }

        _leader = leader;
        if (leader is not null && previous?.HolderId != leader.HolderId && leader.HolderId != HolderId)
        {
            Log.LeaderIs(_logger, leader.Url, leader.Epoch);
        }

        LeaderChanged?.Invoke(leader);
    }

    private LeaderInfo? ToLeader(Lease lease)
    {
        if (Uri.TryCreate(lease.HolderAddress, UriKind.Absolute, out var url))
        {
            if (url.Authority == AdvertisedUrl.Authority)
            {
                // An earlier run of this master (killed, restarted at the same address) still holds the lease until it
                // expires. Redirecting to it would send clients back here: no leader is known until then.
                Log.PredecessorHolds(_logger, lease.Holder);
                return null;
            }

            return new LeaderInfo(lease.Holder, url, lease.Epoch);
        }

        Log.BadAddress(_logger, lease.Holder, lease.HolderAddress);
        return null;
    }

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Elected leader (lease {Lease}, epoch {Epoch}); serving at {Url}")]
        public static partial void Elected(ILogger logger, string lease, long epoch, Uri url);

        [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "No longer leader (lease {Lease}): {Reason}")]
        public static partial void Deposed(ILogger logger, string lease, string reason);

        [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "The leader is {Url} (epoch {Epoch})")]
        public static partial void LeaderIs(ILogger logger, Uri url, long epoch);

        [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "Could not reach the lease {Lease}; retrying")]
        public static partial void AttemptFailed(ILogger logger, string lease, Exception exception);

        [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "The lease {Lease} is reachable again")]
        public static partial void Recovered(ILogger logger, string lease);

        [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "Gave the lease {Lease} up")]
        public static partial void Resigned(ILogger logger, string lease);

        [LoggerMessage(EventId = 9, Level = LogLevel.Information, Message = "The lease's holder {Holder} ran on this machine and has ended; taking the lease over now")]
        public static partial void HolderEnded(ILogger logger, string holder);

        [LoggerMessage(EventId = 8, Level = LogLevel.Information, Message = "An earlier run of this master ({Holder}) holds the lease at this address; taking over once it expires")]
        public static partial void PredecessorHolds(ILogger logger, string holder);

        [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "The leader {Holder} advertises '{Address}', which is not an absolute URL")]
        public static partial void BadAddress(ILogger logger, string holder, string address);
    }
}
