using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// Reads a manifest stream — YAML with any number of <c>---</c> documents, a JSON object, a JSON array of
/// objects, or a <c>kind: List</c> — into JSON trees. Plain YAML scalars are typed by YAML 1.2's core schema
/// (<c>3</c> is a number, <c>true</c> a boolean, <c>"3"</c> a string), so wrong types are caught, not coerced.
/// </summary>
public static partial class ManifestReader
{
    /// <summary>Reads every non-empty document; throws <see cref="ManifestSyntaxException"/> on bad syntax.</summary>
    public static IReadOnlyList<ManifestDocument> Read(string text)
    {
        var trimmed = text.TrimStart();
        var documents = trimmed.StartsWith('{') || trimmed.StartsWith('[') ? ReadJson(text) : ReadYaml(text);
        return FlattenLists(documents);
    }

    private static List<ManifestDocument> ReadJson(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new ManifestSyntaxException(
                $"invalid JSON: {e.Message.Split(" Path:")[0]}", (int)(e.LineNumber ?? -1) + 1, (int)(e.BytePositionInLine ?? -1) + 1);
        }

        var empty = new Dictionary<string, int>();
        if (root is JsonArray array)
        {
            return array.Select((item, i) => new ManifestDocument(i, item?.DeepClone(), empty)).ToList();
        }

        return [new ManifestDocument(0, root, empty)];
    }

    private static List<ManifestDocument> ReadYaml(string text)
    {
        var stream = new YamlStream();
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        try
        {
            stream.Load(parser);
        }
        catch (YamlException e)
        {
            var message = e.InnerException is { } inner ? $"{e.Message} {inner.Message}" : e.Message;
            throw new ManifestSyntaxException($"invalid YAML: {Clean(message)}", (int)e.Start.Line, (int)e.Start.Column);
        }
        catch (ArgumentException e)
        {
            // YamlDotNet reports a mapping's duplicate key this way.
            throw new ManifestSyntaxException($"invalid YAML: {e.Message}", (int)parser.LastGood.Line, (int)parser.LastGood.Column);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner fails this way on some broken input (a block mapping inside an unclosed flow
            // sequence); the problem is just after the last event that parsed.
            throw new ManifestSyntaxException($"invalid YAML: the parser gave up just after this point ({e.Message})", (int)parser.LastGood.Line, (int)parser.LastGood.Column);
        }

        var documents = new List<ManifestDocument>();
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is YamlScalarNode { Value: null or "" } && doc.RootNode.Tag.IsEmpty)
            {
                continue; // an empty document, e.g. a trailing "---"
            }

            var lines = new Dictionary<string, int>();
            var node = Convert(doc.RootNode, FieldPath.Root, lines);
            documents.Add(new ManifestDocument(documents.Count, node, lines));
        }

        return documents;
    }

    // A kind: List document stands for its items, as kubectl reads it.
    private static List<ManifestDocument> FlattenLists(List<ManifestDocument> documents)
    {
        if (!documents.Any(IsList))
        {
            return documents;
        }

        var flat = new List<ManifestDocument>();
        foreach (var doc in documents)
        {
            if (IsList(doc) && doc.Content!["items"] is JsonArray items)
            {
                var prefix = FieldPath.Of("items");
                for (int i = 0; i < items.Count; i++)
                {
                    var itemPath = prefix.Index(i).ToString();
                    var lines = doc.Lines
                        .Where(kv => kv.Key.StartsWith(itemPath, StringComparison.Ordinal))
                        .ToDictionary(kv => kv.Key[itemPath.Length..].TrimStart('.'), kv => kv.Value);
                    flat.Add(new ManifestDocument(flat.Count, items[i]?.DeepClone(), lines));
                }
            }
            else
            {
                flat.Add(doc with { Index = flat.Count });
            }
        }

        return flat;
    }

    private static bool IsList(ManifestDocument doc) =>
        doc.Content is JsonObject o && o["kind"] is JsonValue kind && kind.TryGetValue<string>(out var k) && k == "List"
        && o["items"] is JsonArray;

    private static JsonNode? Convert(YamlNode node, FieldPath path, Dictionary<string, int> lines)
    {
        lines[path.ToString()] = (int)node.Start.Line;
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (keyNode, valueNode) in mapping.Children)
                {
                    var key = keyNode is YamlScalarNode s ? s.Value ?? "" : keyNode.ToString();
                    if (obj.ContainsKey(key))
                    {
                        throw new ManifestSyntaxException($"invalid YAML: duplicate key '{key}'", (int)keyNode.Start.Line, (int)keyNode.Start.Column);
                    }

                    obj[key] = Convert(valueNode, path.Property(key), lines);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                for (int i = 0; i < sequence.Children.Count; i++)
                {
                    array.Add(Convert(sequence.Children[i], path.Index(i), lines));
                }

                return array;
            case YamlScalarNode scalar:
                return Scalar(scalar);
            default:
                throw new ManifestSyntaxException($"unsupported YAML node {node.NodeType}", (int)node.Start.Line, (int)node.Start.Column);
        }
    }

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value ?? "";
        var tag = scalar.Tag.IsEmpty ? null : scalar.Tag.Value;
        if (tag is "tag:yaml.org,2002:str" || (tag is null && scalar.Style != ScalarStyle.Plain))
        {
            return JsonValue.Create(value);
        }

        if (NullPattern().IsMatch(value))
        {
            return null;
        }

        if (BoolPattern().IsMatch(value))
        {
            return JsonValue.Create(value[0] is 't' or 'T');
        }

        if (IntPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (value.StartsWith("0x", StringComparison.Ordinal)
            && long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex))
        {
            return JsonValue.Create(hex);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real)
            && double.IsFinite(real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    // Remembers where the last event that parsed ended, for errors that come without a position.
    private sealed class TrackingParser(IParser inner) : IParser
    {
        public Mark LastGood { get; private set; } = new(0, 1, 1);

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            var moved = inner.MoveNext();
            if (inner.Current is { } current)
            {
                LastGood = current.End;
            }

            return moved;
        }
    }

    private static string Clean(string message) => message.Replace("\r", " ", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    [GeneratedRegex("^(|~|null|Null|NULL)$")]
    private static partial Regex NullPattern();

    [GeneratedRegex("^(true|True|TRUE|false|False|FALSE)$")]
    private static partial Regex BoolPattern();

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntPattern();

    [GeneratedRegex("^[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
