using System.Text.Json.Nodes;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// One document of a manifest stream, as a JSON tree, with the source line of each field where it came from YAML
/// (so errors can point at a line).
/// </summary>
public sealed record ManifestDocument(int Index, JsonNode? Content, IReadOnlyDictionary<string, int> Lines)
{
    /// <summary>The line of the field at <paramref name="path"/>, or of its nearest parent that has one.</summary>
    public int? LineOf(FieldPath path)
    {
        var segments = path.Segments.ToList();
        while (true)
        {
            if (Lines.TryGetValue(FieldPath.Of([.. segments]).ToString(), out var line))
            {
                return line;
            }

            if (segments.Count == 0)
            {
                return null;
            }

            segments.RemoveAt(segments.Count - 1);
        }
    }
}
