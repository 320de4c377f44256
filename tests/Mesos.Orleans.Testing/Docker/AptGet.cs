namespace Mesos.Orleans.Testing.Docker;

/// <summary>Installs a Debian package as root, refreshing the package lists once if the first try fails.</summary>
public static class AptGet
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private static readonly Dictionary<string, string> Noninteractive = new() { ["DEBIAN_FRONTEND"] = "noninteractive" };

    /// <summary>Runs <c>apt-get install -y <paramref name="package"/></c>; throws with apt's output when it fails.</summary>
    public static async Task InstallAsync(string package, List<string> notes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var (code, output) = await ProcessRunner.RunAsync("apt-get", ["install", "-y", package], Timeout, Noninteractive).ConfigureAwait(false);
        if (code != 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            notes.Add($"apt-get install -y {package} failed ({code}); running apt-get update.");
            await ProcessRunner.RunAsync("apt-get", ["update"], Timeout, Noninteractive).ConfigureAwait(false);
            (code, output) = await ProcessRunner.RunAsync("apt-get", ["install", "-y", package], Timeout, Noninteractive).ConfigureAwait(false);
        }

        if (code != 0)
        {
            throw new InvalidOperationException($"{string.Join(' ', notes)} apt-get install -y {package} failed ({code}): {output}");
        }
    }
}
