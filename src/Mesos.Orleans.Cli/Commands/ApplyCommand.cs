using System.CommandLine;
using Mesos.Orleans.Cli.Client;

namespace Mesos.Orleans.Cli.Commands;

/// <summary><c>apply -f FILE|DIR|-</c>: creates or updates every app in the manifests, or none if one is bad.</summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext cli)
    {
        var file = new Option<string>("--filename", "-f")
        {
            Description = "A manifest file (YAML, multi-document, or JSON), a directory of them, or - for standard input",
            Required = true,
        };
        var command = new Command("apply", "Create or update apps from manifests (nothing is applied if any is invalid)") { file };
        command.SetAction((result, cancellationToken) => cli.RunAsync(async () =>
        {
            using var client = cli.Client(result);
            return await ApplyAsync(cli, client, result.GetValue(file)!, Console.In, cancellationToken);
        }));
        return command;
    }

    /// <summary>Applies and prints one line per object; shared with <c>up --apply</c>.</summary>
    public static async Task<int> ApplyAsync(CliContext cli, MasterClient client, string path, TextReader stdin, CancellationToken cancellationToken)
    {
        IReadOnlyList<SourcedDocument> documents;
        try
        {
            documents = ManifestFiles.Read(path, stdin);
        }
        catch (ManifestFileException e)
        {
            cli.Error.WriteLine($"Error: {e.Message}");
            return CliContext.Refused;
        }

        if (documents.Count == 0)
        {
            cli.Error.WriteLine($"Error: {path}: no manifests found");
            return CliContext.Refused;
        }

        try
        {
            var response = await client.ApplyAsync(documents.Select(d => d.Document.Content).ToList(), cancellationToken);
            foreach (var item in response.Items)
            {
                cli.Output.WriteLine($"{item.Kind.ToLowerInvariant()}/{item.Name} {item.Result}");
            }

            return CliContext.Ok;
        }
        catch (ApiException e) when (e.Error.Details is { Count: > 0 })
        {
            cli.PrintError(new ApiException(e.StatusCode, ManifestFiles.Locate(e.Error, documents)));
            cli.Error.WriteLine("Nothing was applied.");
            return CliContext.Refused;
        }
    }
}
