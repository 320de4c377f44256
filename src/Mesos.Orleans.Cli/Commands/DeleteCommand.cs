using System.CommandLine;

namespace Mesos.Orleans.Cli.Commands;

/// <summary><c>delete app NAME</c>: kills every instance and removes the app.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "app" };
        kind.AcceptOnlyFromAmong("app", "apps");
        var name = new Argument<string>("name") { Description = "The app's name" };
        var command = new Command("delete", "Delete an app and kill its instances") { kind, name };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            var deleted = await client.DeleteAppAsync(result.GetValue(name)!, cancellationToken);
            cli.Output.WriteLine($"{deleted.Kind.ToLowerInvariant()}/{deleted.Name} {deleted.Result}");
            return CliContext.Ok;
        }));
        return command;
    }
}
