using System.Text.Json;
using System.Text.Json.Nodes;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Serialization;

namespace Mesos.Orleans.Core.Manifests;

/// <summary>
/// Turns a manifest document into an <see cref="AppDefinition"/>, or into every problem it has, each with
/// its path. Nothing is half-decoded: a document with any problem yields no definition.
/// </summary>
public static class AppManifestDecoder
{
    /// <summary>Decodes one document.</summary>
    public static DecodeResult Decode(JsonNode? document)
    {
        var errors = new ValidationErrors();
        if (document is not JsonObject obj)
        {
            errors.Add(FieldPath.Root, $"a manifest must be an object with apiVersion, kind, metadata and spec, not {StrictShape.Show(document)}");
            return new DecodeResult(null, errors.All);
        }

        var kindOk = CheckEnvelope(obj, errors);
        if (!kindOk)
        {
            return new DecodeResult(null, errors.All);
        }

        // Every problem is reported at once: the fields of the wrong type are replaced by stand-ins so that the rules
        // can still check all the others.
        var envelope = errors.All.Select(e => e.Path).ToHashSet();
        var shape = new ValidationErrors();
        var repaired = StrictShape.CheckAndRepair(obj, typeof(AppManifest), FieldPath.Root, shape);
        errors.AddRange(shape.All.Where(e => !envelope.Contains(e.Path))); // "spec: ~" is already "spec: is required"

        var manifest = repaired.Deserialize<AppManifest>(Json.Options)!;
        var rules = new ValidationErrors();
        var definition = Validate(manifest, rules);
        AddRuleErrors(errors, rules);
        return new DecodeResult(errors.IsEmpty ? definition : null, errors.All);
    }

    /// <summary>Decodes a Marathon app JSON (the spec alone, with its <c>id</c>), reporting paths from its root.</summary>
    public static DecodeResult DecodeMarathonApp(JsonNode? document)
    {
        var errors = new ValidationErrors();
        var repaired = StrictShape.CheckAndRepair(document, typeof(AppSpec), FieldPath.Root, errors);
        var spec = repaired.Deserialize<AppSpec>(Json.Options)!;
        var rules = new ValidationErrors();
        if (!AppId.TryParse(spec.Id, out var id, out var idError))
        {
            rules.Add(FieldPath.Of("id"), spec.Id is null ? "is required" : idError!);
        }

        AppSpecValidator.Validate(spec, FieldPath.Root, rules);
        AddRuleErrors(errors, rules);
        return errors.IsEmpty
            ? new DecodeResult(new AppDefinition(id, AppSpecDefaults.Normalize(spec with { Id = id.Path }), new Dictionary<string, string>()), [])
            : new DecodeResult(null, errors.All);
    }

    // What a rule says at or under a field already reported is about its stand-in, not about what the user wrote.
    private static void AddRuleErrors(ValidationErrors errors, ValidationErrors rules)
    {
        var reported = errors.All.Select(e => e.Path).ToList();
        errors.AddRange(rules.All.Where(e => !reported.Any(e.Path.StartsWith)));
    }

    private static bool CheckEnvelope(JsonObject obj, ValidationErrors errors)
    {
        var kind = obj["kind"];
        if (kind is null)
        {
            errors.Add(FieldPath.Of("kind"), "is required (kind: App)");
        }
        else if (kind.GetValueKind() != JsonValueKind.String || kind.GetValue<string>() != AppManifest.AppKind)
        {
            errors.Add(FieldPath.Of("kind"), $"unknown kind {StrictShape.Show(kind)}: the known kind is App");
        }

        var apiVersion = obj["apiVersion"];
        if (apiVersion is null)
        {
            errors.Add(FieldPath.Of("apiVersion"), $"is required (apiVersion: {AppManifest.CurrentApiVersion})");
        }
        else if (apiVersion.GetValueKind() != JsonValueKind.String || apiVersion.GetValue<string>() != AppManifest.CurrentApiVersion)
        {
            errors.Add(FieldPath.Of("apiVersion"), $"must be {AppManifest.CurrentApiVersion}, not {StrictShape.Show(apiVersion)}");
        }

        if (obj["metadata"] is null)
        {
            errors.Add(FieldPath.Of("metadata"), "is required, with the app's name");
        }
        else if (obj["metadata"] is JsonObject metadata && metadata["name"] is null)
        {
            errors.Add(FieldPath.Of("metadata", "name"), "is required");
        }

        if (obj["spec"] is null)
        {
            errors.Add(FieldPath.Of("spec"), "is required");
        }

        // An unknown kind has an unknown spec: checking it against App's would only add noise.
        return kind is not null && errors.All.All(e => !e.Path.Equals(FieldPath.Of("kind")));
    }

    private static AppDefinition? Validate(AppManifest manifest, ValidationErrors errors)
    {
        var specPath = FieldPath.Of("spec");
        if (!AppId.TryParse(manifest.Metadata.Name, out var id, out var idError))
        {
            errors.Add(FieldPath.Of("metadata", "name"), $"'{manifest.Metadata.Name}' is not a valid app name: {idError}");
        }

        var spec = manifest.Spec;
        if (spec.Id is not null && (!AppId.TryParse(spec.Id, out var specId, out _) || specId != id))
        {
            errors.Add(specPath.Property("id"), $"'{spec.Id}' does not match metadata.name '{manifest.Metadata.Name}'; leave it out");
        }

        // metadata.labels become the app's labels, so they obey the same rules as spec.labels.
        AppSpecValidator.ValidateLabelKeys(manifest.Metadata.Labels, FieldPath.Of("metadata", "labels"), errors);
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in spec.Labels ?? new Dictionary<string, string>())
        {
            labels[key] = value;
        }

        foreach (var (key, value) in manifest.Metadata.Labels ?? new Dictionary<string, string>())
        {
            if (labels.TryGetValue(key, out var other) && other != value)
            {
                errors.Add(FieldPath.Of("metadata", "labels", key), $"conflicts with spec.labels.{key} ('{other}')");
            }

            labels[key] = value;
        }

        AppSpecValidator.Validate(spec, specPath, errors);
        if (!errors.IsEmpty)
        {
            return null;
        }

        var normalized = AppSpecDefaults.Normalize(spec with { Id = id.Path, Labels = labels });
        return new AppDefinition(id, normalized, manifest.Metadata.Annotations ?? new Dictionary<string, string>());
    }
}

/// <summary>A decoded definition, or the problems that prevented it.</summary>
public sealed record DecodeResult(AppDefinition? Definition, IReadOnlyList<FieldError> Errors)
{
    /// <summary>True when the document decoded without problems.</summary>
    public bool IsValid => Definition is not null;
}
