using Mesos.Orleans.Master.Hosting;
using Mesos.Orleans.Storage;
using Mesos.Orleans.Storage.Leases;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mesos.Orleans.Master.Leadership;

/// <summary>
/// Runs a master of a group: competes in the election, starts the control plane (grains, allocator loop) only once
/// elected, and on losing the lease hands over to <c>stepDown</c> — which, in the <c>master</c> command, ends the
/// process for its supervisor to restart as a fresh standby (as Mesos' and Marathon's masters abort). On a graceful
/// stop it stops the control plane first, then gives the lease up so a standby takes over at once.
/// </summary>
public sealed partial class LeadershipService : IHostedService, IDisposable
{
    private readonly GrainStorage _storage;
    private readonly LeaderElection _election;
    private readonly ControlPlane _plane;
    private readonly Action<string> _stepDown;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private Task? _planeStart;

    /// <summary>Creates the service; <paramref name="stepDown"/> is called (on the election's loop) when leadership is lost.</summary>
    public LeadershipService(GrainStorage storage, LeaderElection election, ControlPlane plane, Action<string> stepDown, ILogger<LeadershipService> logger)
    {
        _storage = storage;
        _election = election;
        _plane = plane;
        _stepDown = stepDown;
        _logger = logger;
        _election.Elected += OnElected;
        _election.Deposed += OnDeposed;
    }

    /// <summary>Completes once this master leads and its control plane is up.</summary>
    public Task Leading => _leading.Task;

    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => _election.RunAsync(_stopping.Token), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        if (_planeStart is not null)
        {
            try
            {
                await _planeStart.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                Log.PlaneFailed(_logger, e); // already reported to stepDown; stopping anyway
            }

            await _plane.StopAsync(cancellationToken).ConfigureAwait(false);
            await _election.ResignAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public void Dispose() => _stopping.Dispose();

    private void OnElected(LeaderInfo term) => _planeStart ??= StartPlaneAsync(term);

    private async Task StartPlaneAsync(LeaderInfo term)
    {
        try
        {
            // From here on a batch commits only while the lease is still ours in this epoch, so a deposed leader that
            // has not noticed yet cannot write over its successor.
            _storage.FenceWrites(new LeaseFence(_election.LeaseName, term.HolderId, term.Epoch));
            // The view is rebuilt from the store as grains activate and from the agents as they re-register here.
            await _plane.StartAsync(_stopping.Token).ConfigureAwait(false);
            Log.Leading(_logger, term.Epoch);
            _leading.TrySetResult();
        }
        catch (Exception e) when (!_stopping.IsCancellationRequested)
        {
            Log.PlaneFailed(_logger, e);
            _leading.TrySetException(e);
            _stepDown($"the control plane failed to start: {e.Message}");
            throw;
        }
    }

    private void OnDeposed(string reason) => _stepDown(reason);

    private static partial class Log
    {
        [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Leading in epoch {Epoch}: the control plane is up")]
        public static partial void Leading(ILogger logger, long epoch);

        [LoggerMessage(EventId = 2, Level = LogLevel.Critical, Message = "The control plane failed to start")]
        public static partial void PlaneFailed(ILogger logger, Exception exception);
    }
}
