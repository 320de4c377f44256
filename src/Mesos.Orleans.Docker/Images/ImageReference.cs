namespace Mesos.Orleans.Docker.Images;

/// <summary>Splits an image reference into the <c>fromImage</c> and <c>tag</c> of a pull.</summary>
internal static class ImageReference
{
    /// <summary>
    /// <c>name@sha256:…</c> → (name, digest); <c>host:5000/name:tag</c> → (host:5000/name, tag); a reference without
    /// tag gets <c>latest</c> (an empty tag would make the engine pull every tag of the repository).
    /// </summary>
    public static (string FromImage, string Tag) Split(string reference)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reference);
        var at = reference.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            return (reference[..at], reference[(at + 1)..]);
        }

        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? (reference[..colon], reference[(colon + 1)..]) : (reference, "latest");
    }
}
