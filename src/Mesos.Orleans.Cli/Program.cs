using System.CommandLine;
using Mesos.Orleans.Cli.Commands;

namespace Mesos.Orleans.Cli;

/// <summary>
/// <c>mesos-orleans</c>: one executable for every role. Exit codes: 0 done, 1 the master said no (or could not be
/// reached), 2 the command line is wrong.
/// </summary>
public static class Program
{
    /// <summary>Runs a command line.</summary>
    public static async Task<int> Main(string[] args)
    {
        var cli = new CliContext(Console.Out, Console.Error);
        var root = new RootCommand("Mesos.Orleans: a cluster manager in the mould of Mesos, with a Marathon-like declarative controller")
        {
            UpCommand.Create(cli),
            MasterCommand.Create(cli),
            AgentCommand.Create(cli),
            ApplyCommand.Create(cli),
            GetCommand.Create(cli),
            DescribeCommand.Create(cli),
            DeleteCommand.Create(cli),
            ScaleCommand.Create(cli),
            RolloutCommand.Create(cli),
        };
        root.Options.Add(cli.Server);
        root.Options.Add(cli.Token);
        root.Options.Add(cli.TokenFile);
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                cli.Error.WriteLine($"Error: {error.Message}");
            }

            cli.Error.WriteLine("Run 'mesos-orleans --help' for usage.");
            return CliContext.Usage;
        }

        // Ctrl-C cancels the command; `up`, `master` and `agent` then stop cleanly, which may take longer than the default 2 s.
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) });
    }
}
