using Mesos.Orleans.Core.Apps;
using Mesos.Orleans.Core.Manifests;

namespace Mesos.Orleans.Core.Tests.Support;

/// <summary>Manifest text and decoding shortcuts.</summary>
internal static class ManifestTesting
{
    public const string Header = "apiVersion: mesos-orleans.io/v1\nkind: App\n";

    /// <summary>An App manifest with a flow-style spec and metadata.</summary>
    public static string App(string spec, string metadata = "{name: hello}") => $"{Header}metadata: {metadata}\nspec: {spec}\n";

    /// <summary>Decodes the one document of a manifest stream.</summary>
    public static DecodeResult Decode(string text) => AppManifestDecoder.Decode(Assert.Single(ManifestReader.Read(text)).Content);

    /// <summary>Decodes a manifest that must be valid.</summary>
    public static AppDefinition Valid(string text) => AssertValid(Decode(text));

    public static AppDefinition AssertValid(DecodeResult result)
    {
        Assert.True(result.IsValid, "expected a valid manifest, got: " + string.Join("; ", result.Errors));
        Assert.Empty(result.Errors);
        return result.Definition!;
    }

    /// <summary>Asserts that decoding failed with exactly one error at each of <paramref name="paths"/>, and returns them.</summary>
    public static IReadOnlyList<FieldError> AssertErrors(DecodeResult result, params string[] paths)
    {
        Assert.Null(result.Definition);
        Assert.False(result.IsValid);
        Assert.True(
            paths.Order(StringComparer.Ordinal).SequenceEqual(result.Errors.Select(e => e.Path.ToString()).Order(StringComparer.Ordinal)),
            $"expected errors at [{string.Join(", ", paths)}], got: {string.Join("; ", result.Errors)}");
        return result.Errors;
    }

    /// <summary>Asserts that decoding failed with one error, at <paramref name="path"/>, saying <paramref name="message"/>.</summary>
    public static void AssertError(DecodeResult result, string path, string message) =>
        Assert.Equal(message, MessageAt(AssertErrors(result, path), path));

    /// <summary>The message of the one error at <paramref name="path"/>.</summary>
    public static string MessageAt(IReadOnlyList<FieldError> errors, string path) =>
        Assert.Single(errors, e => e.Path.ToString() == path).Message;
}
