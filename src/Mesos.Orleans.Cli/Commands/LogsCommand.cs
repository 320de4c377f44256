using System.CommandLine;

namespace Mesos.Orleans.Cli.Commands;

/// <summary><c>logs app NAME [--task ID] [-f] [--tail N] [--stderr]</c>: a task's own output, as <c>kubectl logs</c>.</summary>
internal static class LogsCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "app" };
        kind.AcceptOnlyFromAmong("app", "apps");
        var name = new Argument<string>("name") { Description = "The app's name" };
        var task = new Option<string?>("--task") { Description = "The task (default: the app's newest)" };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing what the task writes, until it ends" };
        var tail = new Option<int?>("--tail") { Description = "Only the last N lines" };
        tail.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int?>() is < 0)
            {
                r.AddError("--tail must be 0 or more");
            }
        });
        var stderr = new Option<bool>("--stderr") { Description = "The task's standard error instead of its standard output" };
        var command = new Command("logs", "Print a task's output (stdout, or stderr with --stderr)") { kind, name, task, follow, tail, stderr };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            await cli.Output.FlushAsync(cancellationToken);
            await using var output = Console.OpenStandardOutput();
            try
            {
                await client.CopyLogsAsync(result.GetValue(name)!, result.GetValue(task), result.GetValue(stderr), result.GetValue(tail),
                    result.GetValue(follow), output, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                // Ctrl-C ends a follow.
            }

            return CliContext.Ok;
        }));
        return command;
    }
}
