using Mesos.Orleans.Cli.Client;
using Mesos.Orleans.Contracts.Views;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// Follows an app's latest deployment by polling it until it completes, fails or the time is up. A newer deployment
/// that supersedes the one followed is followed in its turn, as <c>kubectl rollout status</c> does.
/// </summary>
internal sealed class RolloutWatcher(MasterClient client, string name, TimeSpan timeout)
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(500);

    public string Name => name;

    /// <summary>Calls <paramref name="line"/> whenever the state changes; returns 0 when complete, 1 otherwise.</summary>
    public async Task<int> FollowAsync(Action<string> line, CancellationToken cancellationToken, Action<RolloutProgress>? progress = null)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        string? said = null;
        void Say(string text)
        {
            if (text != said)
            {
                line(text);
                said = text;
            }
        }

        while (true)
        {
            var app = await client.GetAppAsync(name, cancellationToken);
            var status = app.Status;
            var deployment = status.Deployment;
            var desired = app.Spec.Instances;
            progress?.Invoke(new RolloutProgress($"{name} generation {app.Metadata.Generation}", status.UpToDate, desired));
            if (deployment is null || deployment.Phase == DeploymentStatus.Complete)
            {
                Say($"app/{name}: deployment {deployment?.Id ?? "-"} complete: {status.UpToDate} of {desired} instances of generation {app.Metadata.Generation} up to date");
                return CliContext.Ok;
            }

            if (!deployment.InProgress && deployment.Phase != DeploymentStatus.Superseded)
            {
                Say($"app/{name}: deployment {deployment.Id} {deployment.Phase.ToLowerInvariant()}: {deployment.Message}");
                return CliContext.Refused;
            }

            var old = status.Instances.Old > 0 ? $", {status.Instances.Old} old to replace" : "";
            var stalled = deployment.Stalled is { } why ? $" — {why}" : "";
            Say($"app/{name}: {status.UpToDate} of {desired} instances of generation {app.Metadata.Generation} up to date{old}{stalled}");
            if (DateTimeOffset.UtcNow > deadline)
            {
                Say($"app/{name}: timed out after {timeout.TotalSeconds:0} s waiting for deployment {deployment.Id}{stalled}");
                return CliContext.Refused;
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }
}

/// <summary>How far a deployment is: instances of the target generation that serve, of those desired.</summary>
internal sealed record RolloutProgress(string Label, int UpToDate, int Desired);
