using System.Text.RegularExpressions;
using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Cli.Commands;

/// <summary>
/// Reads <c>-f FILE|DIR|-</c> into manifest documents, each knowing its file and line, so that problems the
/// master finds (by document index and field path) are shown where the user can fix them.
/// </summary>
internal static partial class ManifestFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static IReadOnlyList<SourcedDocument> Read(string path, TextReader stdin)
    {
        if (path == "-")
        {
            return Parse("<stdin>", stdin.ReadToEnd());
        }

        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
                .ToList();
            return files.SelectMany(f => Parse(f, File.ReadAllText(f))).ToList();
        }

        if (File.Exists(path))
        {
            return Parse(path, File.ReadAllText(path));
        }

        throw new ManifestFileException(path, "no such file or directory");
    }

    /// <summary>Rewrites the master's error paths (<c>[3].spec.cpus</c>) into file, document and line.</summary>
    public static ApiError Locate(ApiError error, IReadOnlyList<SourcedDocument> documents)
    {
        var details = (error.Details ?? []).Select(d =>
        {
            var match = IndexedPath().Match(d.Path);
            var index = documents.Count == 1 ? 0 : match.Success ? int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1;
            if (index < 0 || index >= documents.Count)
            {
                return d;
            }

            var document = documents[index];
            var field = documents.Count == 1 ? d.Path : match.Groups[2].Value.TrimStart('.');
            var line = document.Document.LineOf(ParsePath(field));
            var where = line is { } l and > 0 ? $"{document.Source}:{l}" : document.Source;
            return new ApiErrorDetail(field.Length == 0 ? where : $"{where}: {field}", d.Errors);
        });
        return error with { Details = details.ToList() };
    }

    private static List<SourcedDocument> Parse(string source, string text)
    {
        try
        {
            return ManifestReader.Read(text).Select(d => new SourcedDocument(source, d)).ToList();
        }
        catch (ManifestSyntaxException e)
        {
            throw new ManifestFileException(e.Line > 0 ? $"{source}:{e.Line}" : source, e.Problem);
        }
    }

    private static FieldPath ParsePath(string dotted)
    {
        var path = FieldPath.Root;
        foreach (Match part in PathPart().Matches(dotted))
        {
            path = part.Groups["index"].Success
                ? path.Index(int.Parse(part.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture))
                : path.Property(part.Groups["name"].Value);
        }

        return path;
    }

    [GeneratedRegex(@"^\[(\d+)\](.*)$")]
    private static partial Regex IndexedPath();

    [GeneratedRegex(@"(?<name>[^.\[\]]+)|\[(?<index>\d+)\]")]
    private static partial Regex PathPart();
}

/// <summary>A manifest document and the file it came from.</summary>
internal sealed record SourcedDocument(string Source, ManifestDocument Document);

/// <summary>A manifest file that cannot be read or parsed.</summary>
internal sealed class ManifestFileException(string source, string problem) : Exception($"{source}: {problem}");
