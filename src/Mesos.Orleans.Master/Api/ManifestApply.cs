using Mesos.Orleans.Contracts.Api;
using Mesos.Orleans.Contracts.Grains;
using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;
using Mesos.Orleans.Runtime;
using Microsoft.AspNetCore.Http;

namespace Mesos.Orleans.Master.Api;

/// <summary>
/// Server-side apply of a manifest stream: every document is decoded and checked first; only if all are valid is
/// any applied. One bad document applies nothing.
/// </summary>
internal static class ManifestApply
{
    public static async Task<IResult> HandleAsync(HttpRequest request, IGrainFactory grains, Action<AppDefinition>? applied = null)
    {
        string text;
        using (var reader = new StreamReader(request.Body))
        {
            text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        }

        IReadOnlyList<ManifestDocument> documents;
        try
        {
            documents = ManifestReader.Read(text);
        }
        catch (ManifestSyntaxException e)
        {
            return ApiResults.BadRequest(e.Message, [new ApiErrorDetail("", [e.Message])]);
        }

        if (documents.Count == 0)
        {
            return ApiResults.BadRequest("the manifest holds no document");
        }

        var errors = new List<FieldError>();
        var definitions = new List<AppDefinition>();
        var many = documents.Count > 1;
        foreach (var document in documents)
        {
            var prefix = many ? FieldPath.Root.Index(document.Index) : FieldPath.Root;
            var decoded = AppManifestDecoder.Decode(document.Content);
            errors.AddRange(decoded.Errors.Select(e => e with { Path = e.Path.Under(prefix) }));
            if (decoded.Definition is { } definition)
            {
                if (definitions.Any(d => d.Id == definition.Id))
                {
                    errors.Add(new FieldError(FieldPath.Of("metadata", "name").Under(prefix), $"'{definition.Id.Name}' appears twice in this apply"));
                }

                definitions.Add(definition);
            }
        }

        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }

        var results = new List<ApplyItemResult>();
        foreach (var definition in definitions)
        {
            var outcome = await grains.GetGrain<IAppGrain>(definition.Id.Path).ApplyAsync(definition);
            if (outcome.Result != ApplyResult.Unchanged)
            {
                applied?.Invoke(definition);
            }

            results.Add(new ApplyItemResult(AppManifest.AppKind, definition.Id.Name, outcome.Result.ToString().ToLowerInvariant(), outcome.Generation, outcome.DeploymentId));
        }

        return ApiResults.Ok(new ApplyResponse(results));
    }
}
