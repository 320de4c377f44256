using System.CommandLine;
using System.Globalization;
using Mesos.Orleans.Cli.Client;
using Mesos.Orleans.Cli.Output;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Views;
using Spectre.Console;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// <c>rollout status|history|undo|restart|cancel app NAME</c>: follow and steer an app's deployments, as
/// <c>kubectl rollout</c> does.
/// </summary>
internal static class RolloutCommand
{
    public static Command Create(CliContext cli)
    {
        var rollout = new Command("rollout", "Follow and steer an app's deployments");
        rollout.Subcommands.Add(Status(cli));
        rollout.Subcommands.Add(History(cli));
        rollout.Subcommands.Add(Undo(cli));
        rollout.Subcommands.Add(Restart(cli));
        rollout.Subcommands.Add(Cancel(cli));
        return rollout;
    }

    private static (Argument<string> Kind, Argument<string> Name) AppArguments()
    {
        var kind = new Argument<string>("kind") { Description = "app" };
        kind.AcceptOnlyFromAmong("app", "apps");
        return (kind, new Argument<string>("name") { Description = "The app's name" });
    }

    private static Command Status(CliContext cli)
    {
        var (kind, name) = AppArguments();
        var timeout = new Option<TimeSpan>("--timeout") { Description = "How long to wait (e.g. 00:05:00)", DefaultValueFactory = _ => TimeSpan.FromMinutes(10) };
        var command = new Command("status", "Follow the app's deployment until it completes (exit 0) or fails or times out (exit 1)") { kind, name, timeout };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var watcher = new RolloutWatcher(client, result.GetValue(name)!, result.GetValue(timeout));
            return Console.IsOutputRedirected
                ? await watcher.FollowAsync(line => cli.Output.WriteLine(line), cancellationToken)
                : await FollowWithProgressBarAsync(watcher, cli.Output, cancellationToken);
        }));
        return command;
    }

    private static async Task<int> FollowWithProgressBarAsync(RolloutWatcher watcher, TextWriter output, CancellationToken cancellationToken)
    {
        var exit = CliContext.Ok;
        string? last = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var bar = context.AddTask(watcher.Name, maxValue: 1);
                exit = await watcher.FollowAsync(line => last = line, cancellationToken, progress =>
                {
                    bar.Description = Markup.Escape(progress.Label);
                    bar.MaxValue = Math.Max(progress.Desired, 1);
                    bar.Value = progress.Desired == 0 ? 1 : progress.UpToDate;
                });
                bar.StopTask();
            });
        output.WriteLine(last);
        return exit;
    }

    private static Command History(CliContext cli)
    {
        var (kind, name) = AppArguments();
        var command = new Command("history", "List the app's versions") { kind, name };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var versions = await client.GetVersionsAsync(result.GetValue(name)!, cancellationToken);
            var table = new Output.Table("VERSION", "CONFIG", "INSTANCES", "CREATED", "COMMAND");
            var now = DateTimeOffset.UtcNow;
            foreach (var v in versions)
            {
                table.Add(v.Version.ToString(CultureInfo.InvariantCulture), v.ConfigVersion.ToString(CultureInfo.InvariantCulture),
                    v.Spec.Instances.ToString(CultureInfo.InvariantCulture), Age.Since(v.CreatedAt, now) + " ago",
                    v.Spec.Cmd ?? string.Join(' ', v.Spec.Args ?? []));
            }

            table.Write(cli.Output);
            return CliContext.Ok;
        }));
        return command;
    }

    private static Command Undo(CliContext cli)
    {
        var (kind, name) = AppArguments();
        var version = new Option<long?>("--to-version") { Description = "The version whose config to go back to (default: the previous config)" };
        var command = new Command("undo", "Roll the app back to an earlier config, keeping its number of instances") { kind, name, version };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var done = await client.RollbackAsync(result.GetValue(name)!, result.GetValue(version), cancellationToken);
            cli.Output.WriteLine($"app/{done.Name} rolled back (generation {done.Generation}, deployment {done.DeploymentId})");
            return CliContext.Ok;
        }));
        return command;
    }

    private static Command Restart(CliContext cli)
    {
        var (kind, name) = AppArguments();
        var command = new Command("restart", "Replace every instance of the app, as a rolling deployment") { kind, name };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var done = await client.RestartAsync(result.GetValue(name)!, cancellationToken);
            cli.Output.WriteLine($"app/{done.Name} restarting (generation {done.Generation}, deployment {done.DeploymentId})");
            return CliContext.Ok;
        }));
        return command;
    }

    private static Command Cancel(CliContext cli)
    {
        var (kind, name) = AppArguments();
        var force = new Option<bool>("--force") { Description = "Stop where it is instead of rolling back" };
        var command = new Command("cancel", "Cancel the app's deployment: roll back to where it started, or with --force stop where it is") { kind, name, force };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var cancelled = await client.CancelDeploymentAsync(result.GetValue(name)!, result.GetValue(force), cancellationToken);
            cli.Output.WriteLine($"deployment {cancelled.Id} {cancelled.Phase.ToLowerInvariant()}: {cancelled.Message}");
            return CliContext.Ok;
        }));
        return command;
    }
}
