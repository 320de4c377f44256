using System.CommandLine;

namespace Mesos.Orleans.Cli.Commands;

/// <summary><c>scale app NAME --instances N</c>.</summary>
internal static class ScaleCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "app" };
        kind.AcceptOnlyFromAmong("app", "apps");
        var name = new Argument<string>("name") { Description = "The app's name" };
        var instances = new Option<int>("--instances", "--replicas") { Description = "How many instances to run", Required = true };
        instances.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 0)
            {
                r.AddError("--instances must be 0 or more");
            }
        });
        var command = new Command("scale", "Set how many instances an app runs") { kind, name, instances };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var app = await client.ScaleAppAsync(result.GetValue(name)!, result.GetValue(instances), cancellationToken);
            cli.Output.WriteLine($"app/{app.Metadata.Name} scaled to {app.Spec.Instances} instances (generation {app.Metadata.Generation})");
            return CliContext.Ok;
        }));
        return command;
    }
}
