namespace Mesos.Orleans.Docker.Transport;

/// <summary>Escapes names for request paths: each <c>/</c>-separated part of an image name, or a container id.</summary>
internal static class PathSegments
{
    public static string Escape(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return string.Join('/', name.Split('/').Select(Uri.EscapeDataString));
    }
}
